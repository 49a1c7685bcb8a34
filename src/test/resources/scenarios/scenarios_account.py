"""Scenarios of the deposit-timing and account-integrity rules (PW02, PW10, PW11). define(County) writes each folder."""


def define(County):
    # PW02: deposits stop after 3 March: YELLOW on day 32 (4 April), RED on day 63 (5 May); a deposit
    # on 20 May clears it. PW01 judges the short months meanwhile (April uncovered: YELLOW; May, short
    # again after April: RED).
    c = County("pw02-deposits-stop-then-resume", as_of="2025-06-02T12:00:00+08:00")
    p = c.project("SC-02").skip_deposits("2025-04", "2025-05")
    p.bank("LABOR_COST_DEPOSIT", "2025-05-20", 1_000_000, hhmm="10:00")
    c.expect("SC-02 PW02 - RAISED YELLOW",
             "SC-02 PW01 2025-04 RAISED YELLOW",
             "SC-02 PW02 - ESCALATED RED",
             "SC-02 PW02 - CLEARED RED",
             "SC-02 PW01 2025-05 RAISED RED")
    c.write()

    # PW10: money transferred out of the account on 15 April (RED at once, and it stays), and a payout
    # on 10 May to somebody without a real-name registration (YELLOW) until they are registered on 13 May.
    c = County("pw10-transfer-out-and-unregistered-payee", as_of="2025-05-31T12:00:00+08:00")
    p = c.project("SC-10")
    p.bank("TRANSFER_OUT", "2025-04-15", 800_000, hhmm="14:20")
    p.bank("WAGE_PAYOUT", "2025-05-10", 35_000, worker="620724199505050011", period="2025-04", hhmm="11:30")
    p.add("workers.jsonl", {"projectId": "SC-10", "workerId": "620724199505050011",
                            "employerCreditCode": p.record["subcontractors"][0]["creditCode"], "team": "杂工班",
                            "wageType": "DAILY", "wageRateFen": 35_000, "entryDate": "2025-04-01", "exitDate": None,
                            "updatedAt": "2025-05-13T09:00:00+08:00"})
    c.expect("SC-10 PW10 2025-04 RAISED RED",
             "SC-10 PW10 worker:620724199505050011 RAISED YELLOW",
             "SC-10 PW10 worker:620724199505050011 CLEARED YELLOW")
    c.write()

    # PW11: the account is frozen by a court on 15 April (RED at once) and released on 25 April
    # (CLEARED); the cleared RED alert gets its follow-ups 30 and 60 days later.
    c = County("pw11-account-frozen-then-released", as_of="2025-06-30T12:00:00+08:00")
    p = c.project("SC-11")
    p.bank("FREEZE", "2025-04-15", 0, hhmm="08:30")
    p.bank("UNFREEZE", "2025-04-25", 0, hhmm="09:30")
    c.expect("SC-11 PW11 - RAISED RED",
             "SC-11 PW11 - CLEARED RED",
             "SC-11 PW11 - FOLLOW_UP RED",
             "SC-11 PW11 - FOLLOW_UP RED")
    c.write()
