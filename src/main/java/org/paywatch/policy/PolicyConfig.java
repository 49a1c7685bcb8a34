package org.paywatch.policy;

import java.util.LinkedHashMap;
import java.util.Map;

/** The policy part of a job file: every rule's settings, the routing table, the calendar and how wages accrue. */
public class PolicyConfig implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    public Map<String, RuleSettings> rules = new LinkedHashMap<>();
    public ResponsibilityList routing = new ResponsibilityList();
    public Calendar calendar = new Calendar();
    /** How wages accrue: the paid days of a month (RULES.md "Accrued wages"). */
    public WageAccrual wages = new WageAccrual();

    /** Days when the county's sites are expected to stop. */
    public static class Calendar implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        public java.util.List<HolidayWindow> holidays = new java.util.ArrayList<>();

        public boolean isHoliday(java.time.LocalDate day) {
            for (HolidayWindow w : holidays) {
                if (w.contains(day)) {
                    return true;
                }
            }
            return false;
        }
    }
}
