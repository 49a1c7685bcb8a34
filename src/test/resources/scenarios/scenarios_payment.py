"""Scenarios of the payment rules (PW05, PW06). define(County) writes each folder."""


def define(County):
    c = County("pw05-unpaid-month-escalates-then-clears", as_of="2025-07-20T12:00:00+08:00")
    c.project("SC-05", workers=3).skip_payouts("2025-04").pay_late("2025-04", "2025-07-05")
    c.expect("SC-05 PW05 2025-04 RAISED BLUE",
             "SC-05 PW05 2025-04 ESCALATED YELLOW",
             "SC-05 PW05 2025-04 ESCALATED RED",
             "SC-05 PW05 2025-04 CLEARED RED")
    c.write()

    # PW06: April is paid on 10 May to all but one of three workers (33% unpaid: RED once past due on
    # 31 May); SC-06Y leaves one of twelve unpaid (8.3%: YELLOW). Both are paid late on 10 June.
    c = County("pw06-payroll-short-then-completed", as_of="2025-06-20T12:00:00+08:00")
    p = c.project("SC-06", workers=3).leave_unpaid("2025-04", 1)
    q = c.project("SC-06Y", workers=12).leave_unpaid("2025-04", 1)
    for project in (p, q):
        worker = project.workers[0]
        days = sum(1 for r in project.records(c.until)["clockins.jsonl"]
                   if r["workerId"] == worker and r["eventTime"].startswith("2025-04"))
        project.bank("WAGE_PAYOUT", "2025-06-10", days * project.rate, worker, "2025-04", hhmm="11:00")
    c.expect("SC-06 PW06 2025-04 RAISED RED",
             "SC-06Y PW06 2025-04 RAISED YELLOW",
             "SC-06 PW06 2025-04 CLEARED RED",
             "SC-06Y PW06 2025-04 CLEARED YELLOW")
    c.write()
