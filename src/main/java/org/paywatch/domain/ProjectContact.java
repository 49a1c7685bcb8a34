package org.paywatch.domain;

import org.paywatch.contract.ContactRole;

/**
 * A person alert dispatch tells on the project's side (CONTRACTS.md `projects.contacts`). The phone
 * number is personal data: the entry operator drops the contacts before anything is kept.
 */
public class ProjectContact {
    public ContactRole role;
    public String name;
    public String phone;

    public ProjectContact() {}

    public ProjectContact(ContactRole role, String name, String phone) {
        this.role = role;
        this.name = name;
        this.phone = phone;
    }
}
