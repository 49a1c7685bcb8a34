package org.paywatch.domain;

import java.util.regex.Pattern;
import org.paywatch.contract.BankTransactionType;

/**
 * The rules of CONTRACTS.md that a schema cannot express (amounts never negative, "YYYY-MM" periods,
 * pay day 1..31, a payee on every payout). Returns why a record breaks the contract, or null.
 */
public final class ContractCheck {
    private static final Pattern PERIOD = Pattern.compile("\\d{4}-(0[1-9]|1[0-2])");

    private ContractCheck() {}

    public static String violation(FeedEvent e) {
        return switch (e.feed) {
            case PROJECTS -> project(e.project);
            case WORKERS ->
                firstOf(
                        blank(e.worker.projectId, "projectId"),
                        blank(e.worker.workerId, "workerId"),
                        negative(e.worker.wageRateFen, "wageRateFen"));
            case PROGRESS ->
                firstOf(
                        blank(e.progress.projectId, "projectId"),
                        period(e.progress.period, "period"),
                        negative(e.progress.completedValueFen, "completedValueFen"),
                        negative(e.progress.progressPaymentFen, "progressPaymentFen"));
            case BANK -> bank(e.bank);
            case CLOCKINS -> firstOf(blank(e.clockIn.projectId, "projectId"), blank(e.clockIn.workerId, "workerId"));
            case TAX ->
                firstOf(
                        blank(e.tax.creditCode, "creditCode"),
                        e.tax.period == null ? null : period(e.tax.period, "period"),
                        e.tax.previousFen == null ? null : negative(e.tax.previousFen, "previousFen"),
                        e.tax.currentFen == null ? null : negative(e.tax.currentFen, "currentFen"));
        };
    }

    private static String project(Project p) {
        return firstOf(
                blank(p.projectId, "projectId"),
                negative(p.contractValueFen, "contractValueFen"),
                negative(p.wageDepositFen, "wageDepositFen"),
                p.payDay != null && (p.payDay < 1 || p.payDay > 31)
                        ? "payDay " + p.payDay + " is not a day of the month (1..31)"
                        : null);
    }

    private static String bank(BankTransaction t) {
        boolean payout = t.type == BankTransactionType.WAGE_PAYOUT || t.type == BankTransactionType.PAYOUT_RETURNED;
        return firstOf(
                blank(t.txnId, "txnId"),
                blank(t.accountNo, "accountNo"),
                negative(t.amountFen, "amountFen"),
                t.wagePeriod == null ? null : period(t.wagePeriod, "wagePeriod"),
                payout && (t.workerId == null || t.workerId.isBlank())
                        ? "a " + t.type + " must name the payee in workerId"
                        : null);
    }

    private static String firstOf(String... reasons) {
        for (String r : reasons) {
            if (r != null) {
                return r;
            }
        }
        return null;
    }

    private static String blank(String value, String field) {
        return value == null || value.isBlank() ? field + " is empty" : null;
    }

    private static String negative(long value, String field) {
        return value < 0 ? field + " is negative (" + value + "); amounts are fen >= 0" : null;
    }

    private static String period(String value, String field) {
        return PERIOD.matcher(value).matches() ? null : field + " is not a pay period of the form YYYY-MM";
    }
}
