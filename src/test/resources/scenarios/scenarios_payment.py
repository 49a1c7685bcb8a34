"""Scenarios of the payment rules (PW05, PW06). define(County) writes each folder."""


def define(County):
    c = County("pw05-unpaid-month-escalates-then-clears", as_of="2025-07-20T12:00:00+08:00")
    c.project("SC-05", workers=3).skip_payouts("2025-04").pay_late("2025-04", "2025-07-05")
    c.expect("SC-05 PW05 2025-04 RAISED BLUE",
             "SC-05 PW05 2025-04 ESCALATED YELLOW",
             "SC-05 PW05 2025-04 ESCALATED RED",
             "SC-05 PW05 2025-04 CLEARED RED")
    c.write()
