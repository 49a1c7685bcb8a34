#!/usr/bin/python3
"""A supervising bank's producer for paywatch, with Debian's python3-confluent-kafka and python3-avro.

Registers a project with its dedicated wage account, three workers and their clock-ins, deposits the
labour cost, then withdraws cash from the account: paywatch raises PW10 (专户资金违规使用) RED at once.
It also sends one malformed record, amountFen written as a string, to show its dead letter. Then it reads
paywatch.alerts and paywatch.deadletter back with read_committed consumers and prints what came back
for this project. Exit code 0 when both came back, 1 when not within --timeout.
"""

import argparse
import datetime
import json
import os
import sys
import time
import uuid

from confluent_kafka import Consumer, KafkaException, Producer

import single_object

# The topics of jobs/risk-monitor.yaml (kafka.topics)
TOPICS = {
    "projects": "paywatch.registry.projects",
    "workers": "paywatch.registry.workers",
    "bank": "paywatch.bank.transactions",
    "clockins": "paywatch.attendance.clockins",
    "alerts": "paywatch.alerts",
    "deadletter": "paywatch.deadletter",
}
# Asia/Shanghai has had no daylight saving since 1991: a fixed offset is exact for these dates.
SHANGHAI = datetime.timezone(datetime.timedelta(hours=8))
HERE = os.path.dirname(os.path.abspath(__file__))
RECORDS = ("Project", "Worker", "BankTransaction", "ClockIn", "Alert", "DeadLetter")


def options():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--bootstrap", default="127.0.0.1:9092", help="Kafka bootstrap servers, HOST:PORT")
    p.add_argument("--project", default="PY-EXAMPLE-1", help="the project id to register (default %(default)s)")
    p.add_argument("--account", default="6222020200100000101", help="its dedicated wage account number")
    p.add_argument("--schemas", default=os.path.join(HERE, "..", "..", "schemas"), help="the folder of the .avsc files")
    p.add_argument("--timeout", type=float, default=120, help="seconds to wait for the alert and the dead letter")
    p.add_argument("--fingerprints", action="store_true", help="print each record's fingerprint and header, and exit")
    for feed, topic in TOPICS.items():
        p.add_argument("--%s-topic" % feed, default=topic, dest="topic_" + feed, help="default %(default)s")
    return p.parse_args()


def main():
    opts = options()
    contracts = {name: single_object.load(opts.schemas, name) for name in RECORDS}
    if opts.fingerprints:
        for c in contracts.values():
            print("%s %016x %s" % (c.name, c.fingerprint, c.header.hex(" ").upper()))
        return 0

    now = datetime.datetime.now(SHANGHAI).replace(microsecond=0)
    today = now.date()
    start = today - datetime.timedelta(days=10)
    producer = Producer({
        "bootstrap.servers": opts.bootstrap,
        # the partitioner of Java's clients (murmur2 of the key), not librdkafka's default (CRC32),
        # so that a project's records land on the partition a Java producer would choose
        "partitioner": "murmur2_random",
        "enable.idempotence": True,
    })
    sent = Deliveries()

    def send(topic, key, contract, record):
        producer.produce(topic, key=key.encode("utf-8"), value=contract.encode(record), on_delivery=sent.report)

    send(opts.topic_projects, opts.project, contracts["Project"], project(opts, start, now))
    workers = ["62072419850312%04d" % (1000 + i) for i in range(3)]
    for worker_id in workers:
        send(opts.topic_workers, opts.project + "/" + worker_id, contracts["Worker"], worker(opts, worker_id, start, now))
    producer.flush(30)
    # the registry first, so that the job knows the account when the bank's records arrive
    for days_ago in (3, 2, 1):
        at = datetime.datetime.combine(today - datetime.timedelta(days=days_ago), datetime.time(7, 30), SHANGHAI)
        for worker_id in workers:
            send(opts.topic_clockins, opts.project, contracts["ClockIn"], {
                "projectId": opts.project, "workerId": worker_id, "deviceId": "GATE-1", "direction": "IN",
                "eventTime": at})
    balance = 20_000_000  # fen: 200000.00 元
    send(opts.topic_bank, opts.account, contracts["BankTransaction"], bank(
        opts, "DEP-1", "LABOR_COST_DEPOSIT", balance, balance, now - datetime.timedelta(days=2)))
    withdrawn = 5_000_000
    send(opts.topic_bank, opts.account, contracts["BankTransaction"], bank(
        opts, "CASH-1", "CASH_WITHDRAWAL", withdrawn, balance - withdrawn, now - datetime.timedelta(minutes=30)))
    producer.flush(30)
    print("sent project %s (account %s), %d workers, %d clock-ins, a labour-cost deposit of %s 元 and a cash "
          "withdrawal of %s 元 to %s" % (opts.project, mask(opts.account), len(workers), 3 * len(workers),
                                         yuan(balance), yuan(withdrawn), opts.bootstrap))

    # The malformed record: amountFen written as a string, under BankTransaction's own header.
    contract_json = json.load(open(os.path.join(opts.schemas, "BankTransaction.avsc"), encoding="utf-8"))
    for field in contract_json["fields"]:
        if field["name"] == "amountFen":
            field["type"] = "string"
    wrong = single_object.Contract(os.path.join(opts.schemas, "BankTransaction.avsc"), json.dumps(contract_json))
    record = bank(opts, "BAD-1", "LABOR_COST_DEPOSIT", None, None, now - datetime.timedelta(minutes=20))
    record["amountFen"] = "1050000"
    producer.produce(opts.topic_bank, key=opts.account.encode("utf-8"), value=wrong.encode(record),
                     on_delivery=sent.report)
    producer.flush(30)
    if sent.failures:
        print("not delivered: " + "; ".join(sent.failures), file=sys.stderr)
        return 1
    bad_at = sent.offsets[-1]
    print("sent a malformed BankTransaction %s (amountFen as a string) to %s[%d]@%d"
          % (record["txnId"], bad_at[0], bad_at[1], bad_at[2]))

    alert = wait_for(opts, opts.topic_alerts, contracts["Alert"],
                     lambda a: a["projectId"] == opts.project and a["ruleId"] == "PW10")
    if alert is None:
        print("no PW10 alert for %s on %s within %.0f s: is paywatch running against %s?"
              % (opts.project, opts.topic_alerts, opts.timeout, opts.bootstrap), file=sys.stderr)
        return 1
    print("alert: %s %s %s for %s at %s: %s" % (alert["ruleId"], alert["transition"], alert["level"],
                                                alert["projectId"], alert["eventTime"].astimezone(SHANGHAI).isoformat(timespec="seconds"),
                                                alert["message"]))
    dead = wait_for(opts, opts.topic_deadletter, contracts["DeadLetter"],
                    lambda d: (d["topic"], d["partition"], d["offset"]) == bad_at)
    if dead is None:
        print("no dead letter for %s[%d]@%d on %s within %.0f s" % (bad_at + (opts.topic_deadletter, opts.timeout)),
              file=sys.stderr)
        return 1
    print("dead letter for %s[%d]@%d (%s): %s" % (dead["topic"], dead["partition"], dead["offset"], dead["cause"],
                                                  dead["reason"]))
    return 0


def project(opts, start, now):
    return {
        "projectId": opts.project, "name": "高台县城关镇%s示例工程" % opts.project, "category": "HOUSING",
        "town": "城关镇",
        # no contract value: the rules that scale with it (PW01, PW12, PW13) ask nothing of this example
        "contractValueFen": 0,
        "startDate": start, "plannedEndDate": start + datetime.timedelta(days=300), "governmentInvested": False,
        "constructionUnit": {"creditCode": "91620724PYEXCU001X", "name": "示例投资建设单位"},
        "generalContractor": {"creditCode": "91620724PYEXGC001X", "name": "示例建设工程有限公司"},
        "subcontractors": [],
        "payrollAccount": {"bankCode": "ZYRCB", "accountNo": opts.account},
        "onboardedDate": start + datetime.timedelta(days=3), "wageDepositFen": 0, "payDay": None,
        "status": "ACTIVE", "updatedAt": now - datetime.timedelta(days=11), "contacts": [],
    }


def worker(opts, worker_id, start, now):
    return {
        "projectId": opts.project, "workerId": worker_id, "employerCreditCode": "91620724PYEXGC001X",
        "team": "钢筋班", "wageType": "DAILY", "wageRateFen": 35_000, "entryDate": start, "exitDate": None,
        "updatedAt": now - datetime.timedelta(days=10),
    }


def bank(opts, txn, kind, fen, balance_after, at):
    return {
        "txnId": "ZYRCB-" + opts.project + "-" + txn, "bankCode": "ZYRCB", "accountNo": opts.account, "type": kind,
        "amountFen": fen, "balanceAfterFen": balance_after, "counterpartyAccountNo": None, "counterpartyName": None,
        "workerId": None, "wagePeriod": None, "eventTime": at,
    }


class Deliveries:
    def __init__(self):
        self.offsets = []
        self.failures = []

    def report(self, err, msg):
        if err is not None:
            self.failures.append("%s: %s" % (msg.topic(), err))
        else:
            self.offsets.append((msg.topic(), msg.partition(), msg.offset()))


def wait_for(opts, topic, contract, wanted):
    """The first committed record of the topic that is wanted, read from the beginning; None after the timeout."""
    consumer = Consumer({
        "bootstrap.servers": opts.bootstrap,
        "group.id": "paywatch-example-%s" % uuid.uuid4(),
        "auto.offset.reset": "earliest",
        "enable.auto.commit": False,
        # alerts and dead letters are written in transactions: only committed ones are real
        "isolation.level": "read_committed",
    })
    consumer.subscribe([topic])
    deadline = time.monotonic() + opts.timeout
    try:
        while time.monotonic() < deadline:
            msg = consumer.poll(1.0)
            if msg is None:
                continue
            if msg.error():
                if msg.error().fatal():
                    raise KafkaException(msg.error())
                continue
            try:
                record = contract.decode(msg.value())
            except ValueError:
                continue  # written with an older version of the schema, from before this run: not ours
            if wanted(record):
                return record
        return None
    finally:
        consumer.close()


def yuan(fen):
    return "%d.%02d" % divmod(fen, 100)


def mask(number):
    return "*" * (len(number) - 4) + number[-4:]


if __name__ == "__main__":
    sys.exit(main())
