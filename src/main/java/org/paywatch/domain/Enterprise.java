package org.paywatch.domain;

/** An enterprise taking part in a project: construction unit, general contractor or subcontractor. */
public class Enterprise {
    public String creditCode;
    public String name;

    public Enterprise() {}

    public Enterprise(String creditCode, String name) {
        this.creditCode = creditCode;
        this.name = name;
    }
}
