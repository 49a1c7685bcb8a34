"""Scenarios of the feeds' contract (CONTRACTS.md) rather than of one rule. define(County) writes each folder."""
import datetime as dt


def define(County):
    # "Re-sent and conflicting records": a 200-yuan top-up paid to one worker on 12 May is sent twice alike (a re-send:
    # applied once), then once more under its txnId with a hundred times the amount (a conflict: not applied, dead-
    # lettered). Applied, the conflicting one would be an oversized payout (PW08); as it is not, nothing is raised.
    c = County("bank-conflicting-resend", as_of="2025-06-20T12:00:00+08:00")
    p = c.project("SC-CF", workers=3)
    top_up = p.txn("WAGE_PAYOUT", dt.date(2025, 5, 12), 20_000, p.workers[0], "2025-04", "11:00")
    p.add("bank.jsonl", top_up)
    p.add("bank.jsonl", dict(top_up))
    p.add("bank.jsonl", dict(top_up, amountFen=2_000_000, eventTime="2025-05-12T11:05:00+08:00"))
    c.rejected = 1
    c.write()
