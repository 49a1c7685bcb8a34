package org.paywatch.dispatch;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.paywatch.domain.Project;

/**
 * The projects' side of the directory, as the registry last said: each project's name, its general
 * contractor and construction unit (the names alerts use as recipients) and its contacts.
 */
public final class ProjectDirectory {
    private final Map<String, ProjectContacts> projects = new HashMap<>();

    /** A registry entry; a later one replaces the earlier (the topic is compacted by projectId). */
    public void register(Project p) {
        List<ProjectContact> contacts = p.contacts == null
                ? List.of()
                : p.contacts.stream()
                        .map(c -> new ProjectContact(c.role == null ? null : c.role.name(), c.name, c.phone))
                        .toList();
        projects.put(
                p.projectId,
                new ProjectContacts(
                        p.projectId,
                        p.name,
                        p.generalContractor == null ? null : p.generalContractor.name,
                        p.constructionUnit == null ? null : p.constructionUnit.name,
                        contacts));
    }

    /** The project's entry, or null if the registry has not named it (its side is then unreachable). */
    public ProjectContacts of(String projectId) {
        return projects.get(projectId);
    }

    /** The project's name for a message, or its id. */
    public String name(String projectId) {
        ProjectContacts p = projects.get(projectId);
        return p == null || p.projectName() == null ? projectId : p.projectName();
    }

    public int size() {
        return projects.size();
    }
}
