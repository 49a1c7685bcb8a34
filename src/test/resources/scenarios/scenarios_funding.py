"""Scenarios of the funding rules (PW01, PW03, PW04) and the onboarding rules (PW12, PW13). define(County) writes each folder."""


def revise_reports(project, revise):
    """Passes each progress report of the project through revise(record) -> record (or None to drop it)."""
    records = project.records

    def revised(until):
        out = records(until)
        out["progress.jsonl"] = [r for r in (revise(dict(r)) for r in out.get("progress.jsonl", [])) if r is not None]
        return out

    project.records = revised
    return project


def define(County):
    # PW01: April 70% covered (YELLOW), May 90% after a short April (RED); SC-01B only 90% in April (BLUE).
    c = County("pw01-short-months-turn-red", as_of="2025-06-10T12:00:00+08:00")
    c.project("SC-01").deposit_share_of("2025-04", 0.7).deposit_share_of("2025-05", 0.9)
    c.project("SC-01B").deposit_share_of("2025-04", 0.9)
    c.expect("SC-01 PW01 2025-04 RAISED YELLOW",
             "SC-01B PW01 2025-04 RAISED BLUE",
             "SC-01 PW01 2025-05 RAISED RED")
    c.write()

    # PW01: May's report is late, so May is judged on the contract's monthly share (75% covered: YELLOW);
    # the report arrives on 12 June with less work done than planned, and May turns out fully covered.
    c = County("pw01-late-progress-report-clears", as_of="2025-06-20T12:00:00+08:00")
    p = c.project("SC-01L").deposit_share_of("2025-05", 0.75)

    def may_reported_late(r):
        if r["period"] == "2025-05":
            r["completedValueFen"] = r["completedValueFen"] * 7 // 10
            r["reportedAt"] = "2025-06-12T18:00:00+08:00"
        return r

    revise_reports(p, may_reported_late)
    c.expect("SC-01L PW01 2025-05 RAISED YELLOW",
             "SC-01L PW01 2025-05 CLEARED YELLOW")
    c.write()

    # PW03: a government-invested project paid 85% in March, 40% in April (cumulative 62.5%: YELLOW),
    # 30% in May (51.7%: RED), then catches up in June (88.75%: cleared). SC-03P, not government-invested, pays
    # nothing and is not PW03's business.
    c = County("pw03-progress-payments-fall-behind-then-catch-up", as_of="2025-07-05T12:00:00+08:00")
    shares = {"2025-04": 0.40, "2025-05": 0.30, "2025-06": 2.00}

    def paid_share(r):
        if r["period"] in shares:
            r["progressPaymentFen"] = int(r["completedValueFen"] * shares[r["period"]])
        return r

    revise_reports(c.project("SC-03", government=True), paid_share)
    revise_reports(c.project("SC-03P"), lambda r: dict(r, progressPaymentFen=0))
    c.expect("SC-03 PW03 - RAISED YELLOW",
             "SC-03 PW03 - ESCALATED RED",
             "SC-03 PW03 - CLEARED RED")
    c.write()

    # PW04: a crew of 20 at 500 yuan a day (about 260,000 yuan a month) needs 270,000 yuan a month on the account.
    # The construction unit cuts April's deposit to 90% and May's to 45% (still above the 30% labour-cost ratio,
    # so PW01 stays quiet). After May's payroll the balance lasts under 15 days of payouts (BLUE); June opens
    # with May's wages owed at more than twice the balance (RED); June's full deposit restores it (cleared).
    c = County("pw04-account-runs-short-then-refilled", as_of="2025-06-05T12:00:00+08:00")
    # SC-04C, a compliant crew of 20 at 350 yuan, is funded for its wages and raises nothing.
    c.project("SC-04", workers=20, rate_fen=50_000).deposit_share_of("2025-04", 0.9).deposit_share_of("2025-05", 0.45)
    c.project("SC-04C", workers=20)
    c.expect("SC-04 PW04 - RAISED BLUE",
             "SC-04 PW04 - ESCALATED RED",
             "SC-04 PW04 - CLEARED RED")
    c.write()

    # PW12: a 4,000,000-yuan, ten-month project whose account is bound but which is not onboarded: YELLOW on day 30
    # (2 April), RED on day 60 (2 May), cleared when the registry records the onboarding on 20 May.
    # SC-12S (2,900,000 yuan) is not onboarded either, and is exempt; SC-12T, planned 3 March to 2 June, lasts exactly
    # three months with both days counted (RULES.md, Definitions) and so is judged like SC-12.
    c = County("pw12-onboarded-late", as_of="2025-05-31T12:00:00+08:00")
    p = c.project("SC-12").change(onboardedDate=None)
    p.registry_update("2025-05-20", onboardedDate="2025-05-20")
    c.project("SC-12S", contract_fen=290_000_000).change(onboardedDate=None)
    c.project("SC-12T", end="2025-06-02").change(onboardedDate=None)
    c.expect("SC-12 PW12 - RAISED YELLOW",
             "SC-12T PW12 - RAISED YELLOW",
             "SC-12 PW12 - ESCALATED RED",
             "SC-12T PW12 - ESCALATED RED",
             "SC-12 PW12 - CLEARED RED")
    c.write()

    # PW13: a wage deposit of 0.5% of the contract: YELLOW on day 30 (2 April), cleared when the registry shows
    # it topped up to 1.5% on 15 April. SC-13X (2,900,000 yuan) stores none and is exempt.
    c = County("pw13-wage-deposit-topped-up", as_of="2025-04-30T12:00:00+08:00")
    p = c.project("SC-13").change(wageDepositFen=2_000_000)
    p.registry_update("2025-04-15", wageDepositFen=6_000_000)
    c.project("SC-13X", contract_fen=290_000_000).change(wageDepositFen=0)
    c.expect("SC-13 PW13 - RAISED YELLOW",
             "SC-13 PW13 - CLEARED YELLOW")
    c.write()
