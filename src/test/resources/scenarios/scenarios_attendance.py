"""Scenarios of the real-name, attendance and enterprise rules (PW14, PW15, PW16). define(County) writes each folder."""


def define(County):
    # PW14: 20 registered workers a day. Tue 8 April one unregistered worker clocks in (1 of 21, 4.8%):
    # BLUE at the midnight that ends the day; Thu 10 April two (2 of 22, 9.1%): YELLOW. The alert holds
    # the worst of the last 7 complete days, so it clears at the midnight ending 17 April. As of 20 May,
    # before April's wages fall due (otherwise PW06 would count the unpaid unregistered workers).
    c = County("pw14-unregistered-attendance-escalates-then-clears", as_of="2025-05-20T12:00:00+08:00")
    c.project("SC-14", workers=20).unregistered("2025-04-08", 1).unregistered("2025-04-10", 2)
    c.expect("SC-14 PW14 - RAISED BLUE",
             "SC-14 PW14 - ESCALATED YELLOW",
             "SC-14 PW14 - CLEARED YELLOW")
    c.write()

    # PW15: 12 workers a day, last clock-in Sat 12 April, silent until Mon 28 April. Seven full silent
    # days (13-19 April): BLUE at midnight on 20 April; the first clock-in of 28 April (07:40) clears it
    # at that clock-in (RULES.md, Definitions: a clearing takes effect at the record that meets it).
    c = County("pw15-attendance-stops-then-resumes", as_of="2025-05-05T12:00:00+08:00")
    c.project("SC-15", workers=12).silence("2025-04-13", "2025-04-27")
    c.expect("SC-15 PW15 - RAISED BLUE @ 2025-04-20T00:00:00",
             "SC-15 PW15 - CLEARED BLUE @ 2025-04-28T07:40:00")
    c.write()

    # PW15 and the 2025 Spring Festival stoppage (19 January to 12 February): both sites stop after
    # Fri 17 January. SC-15A is back on Mon 17 February: 18 January and 13-16 February are 5 silent days,
    # the stoppage does not count, nothing is raised. SC-15B is back only on Mon 24 February: its seventh
    # silent working day outside the window ends on 18 February, BLUE at midnight on 19 February, cleared
    # at its first clock-in, 24 February 07:40.
    c = County("pw15-spring-festival-stoppage-is-not-silence", as_of="2025-03-05T12:00:00+08:00")
    c.project("SC-15A", workers=12, start="2024-12-02").silence("2025-01-18", "2025-02-16")
    c.project("SC-15B", workers=12, start="2024-12-02").silence("2025-01-18", "2025-02-23")
    c.expect("SC-15B PW15 - RAISED BLUE @ 2025-02-19T00:00:00",
             "SC-15B PW15 - CLEARED BLUE @ 2025-02-24T07:40:00")
    c.write()

    # PW16: one general contractor builds SC-16A and SC-16B. Its IIT withholding halves (BLUE on both
    # projects, scope: its credit code), then it becomes an abnormal taxpayer (YELLOW on both), then it
    # recovers (cleared on both). SC-16C's subcontractor's IIT falls only to 51%: nothing. A signal
    # about an enterprise on no project concerns nobody.
    c = County("pw16-shared-contractor-tax-signal", as_of="2025-05-05T12:00:00+08:00")
    a = c.project("SC-16A", workers=3)
    b = c.project("SC-16B", workers=3, category="MUNICIPAL").enterprises(general_contractor=a.general_contractor())
    other = c.project("SC-16C", workers=3)
    gc = a.general_contractor()["creditCode"]
    c.tax(gc, "IIT_DROP", "2025-04-08", period="2025-03", previous_fen=2_000_000, current_fen=1_000_000)
    c.tax(other.record["subcontractors"][0]["creditCode"], "IIT_DROP", "2025-04-09", period="2025-03",
          previous_fen=2_000_000, current_fen=1_020_000)
    c.tax("91620724ZZ999999XX", "DEREGISTERED", "2025-04-10")
    c.tax(gc, "ABNORMAL_STATUS", "2025-04-15")
    c.tax(gc, "RECOVERED", "2025-04-25")
    c.expect(f"SC-16A PW16 {gc} RAISED BLUE",
             f"SC-16B PW16 {gc} RAISED BLUE",
             f"SC-16A PW16 {gc} ESCALATED YELLOW",
             f"SC-16B PW16 {gc} ESCALATED YELLOW",
             f"SC-16A PW16 {gc} CLEARED YELLOW",
             f"SC-16B PW16 {gc} CLEARED YELLOW")
    c.write()

    # PW16: SC-16D's subcontractor is in tax arrears (BLUE); on 20 April the registry replaces it by
    # another subcontractor, which clears the alert at once; a later signal about the old
    # subcontractor still reaches the project and concerns it no more.
    c = County("pw16-enterprise-leaves-the-project", as_of="2025-05-05T12:00:00+08:00")
    d = c.project("SC-16D", workers=3)
    old = d.record["subcontractors"][0]["creditCode"]
    c.tax(old, "TAX_ARREARS", "2025-04-08")
    d.registry_update("2025-04-20", subcontractors=[{"creditCode": "91620724SC999998XX", "name": "SC-16D新劳务分包有限公司"}])
    c.tax(old, "DEREGISTERED", "2025-04-25")
    c.expect(f"SC-16D PW16 {old} RAISED BLUE",
             f"SC-16D PW16 {old} CLEARED BLUE")
    c.write()
