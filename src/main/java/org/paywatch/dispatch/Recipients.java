package org.paywatch.dispatch;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.paywatch.contract.Alert;

/**
 * Who is told of an alert: its recipients, the unit names the routing table gave it (policy/ResponsibilityList),
 * resolved to contacts. A directory unit gets an SMS to each of its people and a post to each of its webhooks, if it
 * wants the alert's level; the project's own side comes from the registry's contacts of the project: the general
 * contractor's labour manager ("…（劳资专管员）") reaches the contacts of role LABOR_MANAGER and GENERAL_CONTRACTOR, the
 * construction unit's name those of role CONSTRUCTION_UNIT. A name with no contact at all is unreachable, never dropped.
 */
public final class Recipients {
    /** How the routing names the general contractor's labour manager: the contractor's name and this. */
    public static final String LABOR_MANAGER = "（劳资专管员）";

    private final Map<String, DispatchConfig.Unit> directory;

    public Recipients(DispatchConfig config) {
        this.directory = config.directory();
    }

    /**
     * Every recipient name of the alert lands in exactly one of: contacts (one or more), unreachable, notWanted.
     *
     * @param contacts    whom to send to, in the order of the alert's recipients
     * @param unreachable names with no contact: not in the directory or the project's contacts, or listed with none
     * @param notWanted   directory units that do not want the alert's level
     */
    public record Resolution(List<Contact> contacts, List<String> unreachable, List<String> notWanted) {}

    /** @param project the project's contacts from the registry, or null when the registry has not told them */
    public Resolution resolve(Alert alert, ProjectContacts project) {
        List<Contact> contacts = new ArrayList<>();
        List<String> unreachable = new ArrayList<>();
        List<String> notWanted = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>(alert.getRecipients());
        for (String name : names) {
            List<Contact> found = new ArrayList<>(projectSide(name, project));
            DispatchConfig.Unit unit = directory.get(name);
            boolean wanted = unit == null || unit.wants(alert.getLevel(), alert.getTransition());
            if (unit != null && wanted) {
                for (DispatchConfig.Person p : unit.contacts()) {
                    found.add(new Contact(name, p.name(), Channel.SMS, p.phone()));
                }
                unit.webhooks().forEach(url -> found.add(new Contact(name, "", Channel.WEBHOOK, url.toString())));
            }
            if (!found.isEmpty()) {
                contacts.addAll(found);
            } else if (wanted) {
                unreachable.add(name);
            } else {
                notWanted.add(name);
            }
        }
        return new Resolution(List.copyOf(contacts), List.copyOf(unreachable), List.copyOf(notWanted));
    }

    private static List<Contact> projectSide(String name, ProjectContacts project) {
        if (project == null || project.contacts() == null) {
            return List.of();
        }
        List<String> roles = new ArrayList<>();
        // the alert names the contractor as the registry did when
        // it was raised; its labour manager is the project's now
        if (name.endsWith(LABOR_MANAGER)) {
            roles.add("LABOR_MANAGER");
            roles.add("GENERAL_CONTRACTOR");
        } else if (name.equals(project.constructionUnit())) {
            roles.add("CONSTRUCTION_UNIT");
        }
        List<Contact> found = new ArrayList<>();
        for (String role : roles) {
            for (ProjectContact c : project.contacts()) {
                if (role.equals(c.role()) && c.phone() != null && !c.phone().isBlank()) {
                    found.add(new Contact(
                            name,
                            c.name() == null ? "" : c.name(),
                            Channel.SMS,
                            c.phone().strip()));
                }
            }
        }
        return found;
    }
}
