#!/usr/bin/env python3
"""Writes the replay folders of the rule scenarios (ScenarioTest reads them; this script is not run by the build).

A scenario is a small county of projects that are compliant by default (monthly labour-cost deposits at
the category ratio, progress reports, daily attendance Monday to Saturday, wages paid to every attended
worker on the 10th of the next month, wage deposit, onboarded in time); each scenario then breaks one
thing. Run it after editing a scenario:   python3 generate.py        (rewrites every folder it defines)

    c = County("pw05-unpaid-month", as_of="2025-07-20T12:00:00+08:00")
    p = c.project("SC-05", workers=3)
    p.skip_payouts("2025-04")
    c.expect("SC-05 PW05 2025-04 RAISED BLUE", ...)
    c.write()
"""
import datetime as dt
import json
import os

RATIO = {"HOUSING": 0.30, "MUNICIPAL": 0.15, "TRANSPORT": 0.15, "WATER": 0.15, "RAILWAY": 0.20, "AVIATION": 0.20}
HERE = os.path.dirname(os.path.abspath(__file__))


def instant(day, hhmm="10:00"):
    return f"{day.isoformat()}T{hhmm}:00+08:00"


def months(start, end):
    m = dt.date(start.year, start.month, 1)
    while m <= end:
        yield m
        m = dt.date(m.year + (m.month == 12), m.month % 12 + 1, 1)


def month_end(m):
    nxt = dt.date(m.year + (m.month == 12), m.month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


class Project:
    def __init__(self, county, pid, category, start, end, contract_fen, workers, rate_fen, government):
        self.county, self.pid, self.category = county, pid, category
        self.start, self.end, self.contract = start, end, contract_fen
        self.government = government
        n = county.next_number()
        self.account = f"62{n:017d}"
        self.workers = [f"6207241990{n:04d}{i:04d}" for i in range(1, workers + 1)]
        self.rate = rate_fen
        self.record = {
            "projectId": pid, "name": f"高台县城关镇{pid}工程", "category": category, "town": "城关镇",
            "contractValueFen": contract_fen, "startDate": start.isoformat(), "plannedEndDate": end.isoformat(),
            "governmentInvested": government,
            "constructionUnit": {"creditCode": f"91620724CU{n:06d}XX", "name": f"{pid}投资建设单位"},
            "generalContractor": {"creditCode": f"91620724GC{n:06d}XX", "name": f"{pid}建设工程有限公司"},
            "subcontractors": [{"creditCode": f"91620724SC{n:06d}XX", "name": f"{pid}劳务分包有限公司"}],
            "payrollAccount": {"bankCode": "ZYRCB", "accountNo": self.account},
            "onboardedDate": (start + dt.timedelta(days=3)).isoformat(), "wageDepositFen": contract_fen * 15 // 1000,
            "payDay": None, "status": "ACTIVE", "updatedAt": instant(start - dt.timedelta(days=10), "09:00"),
        }
        self.skipped_payouts, self.skipped_deposits, self.unpaid = set(), set(), {}
        self.absent = {}           # worker -> first day of absence
        self.extra = []            # (file, record)
        self.paid_late = []        # (period, day)
        self.deposit_share = {}    # month -> share of the required deposit
        self.silent = []           # (first, last) days without any clock-in
        self.number = n

    # --- faults ---
    def skip_payouts(self, period):
        self.skipped_payouts.add(period); return self

    def pay_late(self, period, day):
        self.paid_late.append((period, dt.date.fromisoformat(day))); return self

    def leave_unpaid(self, period, *worker_numbers):
        self.unpaid.setdefault(period, set()).update(self.workers[i - 1] for i in worker_numbers); return self

    def skip_deposits(self, *months_):
        self.skipped_deposits.update(months_); return self

    def deposit_share_of(self, month, share):
        self.deposit_share[month] = share; return self

    def absent_from(self, worker_number, day):
        self.absent[self.workers[worker_number - 1]] = dt.date.fromisoformat(day); return self

    def change(self, **fields):
        self.record.update(fields); return self

    def enterprises(self, construction_unit=None, general_contractor=None, subcontractors=None):
        """Sets the project's roles, e.g. another project's general contractor: p.enterprises(general_contractor=q.general_contractor())."""
        if construction_unit is not None:
            self.record["constructionUnit"] = dict(construction_unit)
        if general_contractor is not None:
            self.record["generalContractor"] = dict(general_contractor)
        if subcontractors is not None:
            self.record["subcontractors"] = [dict(s) for s in subcontractors]
        return self

    def general_contractor(self):
        return dict(self.record["generalContractor"])

    def registry_update(self, day, hhmm="09:00", **fields):
        """A later registry record of the project (e.g. a role changed), from the given instant on."""
        r = dict(self.record, **fields)
        r["updatedAt"] = instant(dt.date.fromisoformat(day), hhmm)
        self.extra.append(("projects.jsonl", r)); return self

    def silence(self, first, last):
        """No clock-in at all from first to last (both included): a stoppage, or attendance not recorded."""
        self.silent.append((dt.date.fromisoformat(first), dt.date.fromisoformat(last))); return self

    def unregistered(self, day, count, hhmm="07:50"):
        """count workers with no real-name registration on the project clock in on the day."""
        for i in range(1, count + 1):
            self.extra.append(("clockins.jsonl", {"projectId": self.pid, "workerId": f"6207241991{self.number:04d}{i:04d}",
                                                  "deviceId": f"{self.pid}-GATE1", "direction": "IN",
                                                  "eventTime": instant(dt.date.fromisoformat(day), hhmm)}))
        return self

    def bank(self, kind, day, fen, worker=None, period=None, hhmm="15:00"):
        self.extra.append(("bank.jsonl", self.txn(kind, dt.date.fromisoformat(day), fen, worker, period, hhmm))); return self

    def add(self, file, record):
        self.extra.append((file, record)); return self

    # --- the records ---
    def planned_months(self):
        return len(list(months(self.start, self.end)))

    def txn(self, kind, day, fen, worker=None, period=None, hhmm="10:00"):
        return {"txnId": f"ZYRCB-{self.county.next_number():011d}", "bankCode": "ZYRCB", "accountNo": self.account,
                "type": kind, "amountFen": fen, "balanceAfterFen": None, "counterpartyAccountNo": None,
                "counterpartyName": None, "workerId": worker, "wagePeriod": period, "eventTime": instant(day, hhmm)}

    def records(self, until):
        out = {"projects.jsonl": [self.record], "workers.jsonl": [], "clockins.jsonl": [], "bank.jsonl": [],
               "progress.jsonl": []}
        for w in self.workers:
            out["workers.jsonl"].append({"projectId": self.pid, "workerId": w, "employerCreditCode": self.record["subcontractors"][0]["creditCode"],
                                         "team": "木工班", "wageType": "DAILY", "wageRateFen": self.rate,
                                         "entryDate": self.start.isoformat(), "exitDate": None,
                                         "updatedAt": instant(self.start - dt.timedelta(days=1))})
        monthly_value = self.contract // self.planned_months()
        required = int(monthly_value * RATIO.get(self.category, 0.15))
        # A compliant construction unit also funds a full month (at most 27 working days) of the crew's wages,
        # so that a large crew does not outrun the account (PW04); small crews are covered by the ratio anyway.
        required = max(required, len(self.workers) * self.rate * 27)
        attended = {}
        for m in months(self.start, min(self.end, until)):
            key = m.isoformat()[:7]
            if key not in self.skipped_deposits:
                day = max(m.replace(day=3), self.start)
                if day <= until:
                    out["bank.jsonl"].append(self.txn("LABOR_COST_DEPOSIT", day, int(required * self.deposit_share.get(key, 1.0))))
            report_day = month_end(m)
            if report_day <= until:
                out["progress.jsonl"].append({"projectId": self.pid, "period": key, "completedValueFen": monthly_value,
                                              "progressPaymentFen": monthly_value * 85 // 100, "reportedAt": instant(report_day, "18:00")})
            day = max(m, self.start)
            while day <= month_end(m) and day <= until:
                if day.weekday() < 6 and not any(a <= day <= b for a, b in self.silent):
                    for w in self.workers:
                        if w in self.absent and day >= self.absent[w]:
                            continue
                        out["clockins.jsonl"].append({"projectId": self.pid, "workerId": w, "deviceId": f"{self.pid}-GATE1",
                                                      "direction": "IN", "eventTime": instant(day, "07:40")})
                        attended[(key, w)] = attended.get((key, w), 0) + 1
                day += dt.timedelta(days=1)
            pay_day = (month_end(m) + dt.timedelta(days=10))
            late = [d for p, d in self.paid_late if p == key]
            if key in self.skipped_payouts and not late:
                continue
            when = late[0] if key in self.skipped_payouts else pay_day
            if when > until:
                continue
            for w in self.workers:
                days = attended.get((key, w), 0)
                if days and w not in self.unpaid.get(key, set()):
                    out["bank.jsonl"].append(self.txn("WAGE_PAYOUT", when, days * self.rate, w, key, "11:00"))
        for f, r in self.extra:
            out.setdefault(f, []).append(r)
        return out


class County:
    def __init__(self, name, as_of):
        self.name, self.as_of = name, as_of
        self.until = dt.date.fromisoformat(as_of[:10])
        self.projects, self.expected, self.counter, self.rejected = [], [], 0, 0
        self.extra = []            # county-level (file, record), e.g. tax changes

    def next_number(self):
        self.counter += 1
        return self.counter

    def project(self, pid, category="HOUSING", start="2025-03-03", end="2025-12-31", contract_fen=400_000_000,
                workers=3, rate_fen=35_000, government=False):
        p = Project(self, pid, category, dt.date.fromisoformat(start), dt.date.fromisoformat(end), contract_fen,
                    workers, rate_fen, government)
        self.projects.append(p)
        return p

    def add(self, file, record):
        self.extra.append((file, record)); return self

    def tax(self, credit_code, change_type, day, hhmm="10:00", period=None, previous_fen=None, current_fen=None):
        """A tax-change signal about an enterprise (tax.jsonl); the pipeline sends it to each of its projects."""
        return self.add("tax.jsonl", {"creditCode": credit_code, "changeType": change_type, "period": period,
                                      "previousFen": previous_fen, "currentFen": current_fen,
                                      "eventTime": instant(dt.date.fromisoformat(day), hhmm)})

    def expect(self, *transitions):
        self.expected.extend(transitions); return self

    def write(self):
        folder = os.path.join(HERE, self.name)
        os.makedirs(os.path.join(folder, "input"), exist_ok=True)
        files = {}
        for p in self.projects:
            for f, rs in p.records(self.until).items():
                files.setdefault(f, []).extend(rs)
        for f, r in self.extra:
            files.setdefault(f, []).append(r)
        for f, rs in files.items():
            rs.sort(key=lambda r: r.get("eventTime") or r.get("updatedAt") or r.get("reportedAt"))
            with open(os.path.join(folder, "input", f), "w", encoding="utf-8") as out:
                for r in rs:
                    out.write(json.dumps(r, ensure_ascii=False) + "\n")
        with open(os.path.join(folder, "expected.json"), "w", encoding="utf-8") as out:
            json.dump({"asOf": self.as_of, "transitions": self.expected, "rejected": self.rejected}, out, ensure_ascii=False, indent=1)
            out.write("\n")


def scenarios():
    """Every scenario; each rule's are defined in scenarios_<group>.py files beside this one, if any."""
    import glob
    import importlib.util
    for path in sorted(glob.glob(os.path.join(HERE, "scenarios_*.py"))):
        spec = importlib.util.spec_from_file_location(os.path.basename(path)[:-3], path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.define(County)


if __name__ == "__main__":
    scenarios()
