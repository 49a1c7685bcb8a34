package org.paywatch.dispatch;

import java.util.List;

/** A project's side of the directory, from the registry's Project.contacts (issue 8). */
public record ProjectContacts(
        String projectId,
        String projectName,
        String generalContractor,
        String constructionUnit,
        List<ProjectContact> contacts) {}
