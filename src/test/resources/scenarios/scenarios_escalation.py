"""Scenarios of PW07, PW08, PW09 and of the escalation rules (PW90, PW91 with its follow-ups). define(County) writes each folder."""
import datetime as dt


def workdays(month, first=1, last=31):
    """Days of the month from first to last that the generator's crews attend (Monday to Saturday)."""
    y, m = map(int, month.split("-"))
    out = 0
    for d in range(first, last + 1):
        try:
            day = dt.date(y, m, d)
        except ValueError:
            break
        out += day.weekday() < 6
    return out


def exit_record(p, number, exit_date, updated_at):
    """The worker's registration again, with an exit date (退场), as the registry re-sends it."""
    return {"projectId": p.pid, "workerId": p.workers[number - 1],
            "employerCreditCode": p.record["subcontractors"][0]["creditCode"], "team": "木工班", "wageType": "DAILY",
            "wageRateFen": p.rate, "entryDate": p.start.isoformat(), "exitDate": exit_date, "updatedAt": updated_at}


def define(County):
    # PW07: April is paid on 10 May, but W2 at 85 yuan a day (below the pro-rated 1,910 yuan: YELLOW); W3 gets
    # 50 yuan a day on 11 May, which pulls the per-capita pay below 1,910 yuan a month (RED); top-ups on 13 May.
    c = County("pw07-pay-below-minimum-escalates-then-clears", as_of="2025-05-31T12:00:00+08:00")
    p = c.project("SC-07", workers=3, rate_fen=10_000)
    days = workdays("2025-04")
    p.leave_unpaid("2025-04", 2, 3)
    p.bank("WAGE_PAYOUT", "2025-05-10", 8_500 * days, p.workers[1], "2025-04")
    p.bank("WAGE_PAYOUT", "2025-05-11", 5_000 * days, p.workers[2], "2025-04")
    p.bank("WAGE_PAYOUT", "2025-05-13", 1_500 * days, p.workers[1], "2025-04")
    p.bank("WAGE_PAYOUT", "2025-05-13", 5_000 * days, p.workers[2], "2025-04")
    c.expect("SC-07 PW07 2025-04 RAISED YELLOW",
             "SC-07 PW07 2025-04 ESCALATED RED",
             "SC-07 PW07 2025-04 CLEARED RED")
    c.write()

    # PW08: W1 gets an extra 45,000 yuan on 20 May (over 50,000 yuan booked in May); W2 gets 40,000 yuan extra
    # on the 20th of April to September, never over 50,000 yuan in a month, and passes 300,000 yuan in 2025
    # with the regular payroll of 10 October.
    c = County("pw08-oversized-payouts-month-and-year", as_of="2025-10-15T12:00:00+08:00")
    p = c.project("SC-08", workers=3)
    p.bank("WAGE_PAYOUT", "2025-05-20", 4_500_000, p.workers[0], "2025-05")
    for m in range(4, 10):
        p.bank("WAGE_PAYOUT", f"2025-{m:02d}-20", 4_000_000, p.workers[1], f"2025-{m:02d}")
    regular = {m: workdays(f"2025-{m - 1:02d}", 3 if m == 4 else 1) * 35_000 for m in range(4, 11)}
    assert all(regular[m] + 4_000_000 <= 5_000_000 for m in range(4, 10))
    assert sum(regular[m] for m in range(4, 10)) + 6 * 4_000_000 <= 30_000_000 < sum(regular.values()) + 6 * 4_000_000
    c.expect(f"SC-08 PW08 worker:{p.workers[0]} RAISED RED",
             f"SC-08 PW08 worker:{p.workers[1]} RAISED RED")
    c.write()

    # PW09 by exit date: W3 leaves on Friday 13 June and its June wages are held back until 25 July.
    c = County("pw09-departed-worker-paid-late", as_of="2025-07-31T12:00:00+08:00")
    p = c.project("SC-09", workers=3)
    p.absent_from(3, "2025-06-14").leave_unpaid("2025-06", 3)
    p.add("workers.jsonl", exit_record(p, 3, "2025-06-13", "2025-06-13T18:00:00+08:00"))
    p.bank("WAGE_PAYOUT", "2025-07-25", workdays("2025-06", 1, 13) * 35_000, p.workers[2], "2025-06")
    w3 = p.workers[2]
    c.expect(f"SC-09 PW09 worker:{w3} RAISED YELLOW",     # 21 June: 8 days after the exit
             f"SC-09 PW09 worker:{w3} ESCALATED RED",     # 14 July: 31 days after
             f"SC-09 PW09 worker:{w3} CLEARED RED")       # 25 July: settled
    c.write()

    # PW09 by absence: W2 stops coming after Saturday 14 June without an exit date and is left out of June's
    # payroll; 30 days after the last clock-in it counts as departed (YELLOW), the day after RED. PW06 sees
    # June past due with one of three workers unpaid (RED) until W2 is paid on 5 August.
    c = County("pw09-absent-worker-paid-late", as_of="2025-08-10T12:00:00+08:00")
    p = c.project("SC-09A", workers=3)
    p.absent_from(2, "2025-06-16").leave_unpaid("2025-06", 2)
    p.bank("WAGE_PAYOUT", "2025-08-05", workdays("2025-06", 1, 14) * 35_000, p.workers[1], "2025-06")
    w2 = p.workers[1]
    c.expect(f"SC-09A PW09 worker:{w2} RAISED YELLOW",    # 14 July: 30 days since 14 June
             f"SC-09A PW09 worker:{w2} ESCALATED RED",    # 15 July
             "SC-09A PW06 2025-06 RAISED RED",            # 1 August: June past due, 1 of 3 unpaid
             "SC-09A PW06 2025-06 CLEARED RED",           # 5 August
             f"SC-09A PW09 worker:{w2} CLEARED RED")
    c.write()

    # PW90: 21 workers are not paid for April until 20 June; from 1 June the arrears are owed to 21 workers.
    # The cleared RED alert gets its follow-ups 30, 60 and 90 days after 20 June (PW91).
    c = County("pw90-twenty-one-workers-owed-task-force", as_of="2025-09-20T12:00:00+08:00")
    c.project("SC-90", workers=21).skip_payouts("2025-04").pay_late("2025-04", "2025-06-20")
    c.expect("SC-90 PW05 2025-04 RAISED BLUE",
             "SC-90 PW05 2025-04 ESCALATED YELLOW",
             "SC-90 PW90 - RAISED RED",
             "SC-90 PW05 2025-04 CLEARED YELLOW",
             "SC-90 PW90 - CLEARED RED",
             "SC-90 PW90 - FOLLOW_UP RED",                # 20 July
             "SC-90 PW90 - FOLLOW_UP RED",                # 19 August
             "SC-90 PW90 - FOLLOW_UP RED")                # 18 September
    c.write()

    # PW91: April's wages are paid on 5 July (PW05 RED clears); July's are late again and PW05 turns YELLOW on
    # 1 September, 58 days after that clearing: a rebound, until July is paid on 10 September. The follow-ups
    # of April's RED fall on 4 August, 3 September and 3 October; PW91's own RED gets its first on 10 October.
    c = County("pw91-unpaid-again-within-ninety-days-rebounds", as_of="2025-10-15T12:00:00+08:00")
    (c.project("SC-91", workers=3).skip_payouts("2025-04").pay_late("2025-04", "2025-07-05")
     .skip_payouts("2025-07").pay_late("2025-07", "2025-09-10"))
    c.expect("SC-91 PW05 2025-04 RAISED BLUE",
             "SC-91 PW05 2025-04 ESCALATED YELLOW",
             "SC-91 PW05 2025-04 ESCALATED RED",
             "SC-91 PW05 2025-04 CLEARED RED",
             "SC-91 PW05 2025-04 FOLLOW_UP RED",
             "SC-91 PW05 2025-07 RAISED BLUE",            # 26 August: a BLUE is not yet the problem back
             "SC-91 PW05 2025-07 ESCALATED YELLOW",
             "SC-91 PW91 PW05 RAISED RED",
             "SC-91 PW05 2025-04 FOLLOW_UP RED",
             "SC-91 PW05 2025-07 CLEARED YELLOW",
             "SC-91 PW91 PW05 CLEARED RED",
             "SC-91 PW05 2025-04 FOLLOW_UP RED",
             "SC-91 PW91 PW05 FOLLOW_UP RED")
    c.write()
