package org.paywatch.pipeline;

/** The registry's word that an enterprise is construction unit, general contractor or subcontractor of a project. */
public class EnterpriseRole {
    public String creditCode;
    public String projectId;

    public EnterpriseRole() {}

    public EnterpriseRole(String creditCode, String projectId) {
        this.creditCode = creditCode;
        this.projectId = projectId;
    }
}
