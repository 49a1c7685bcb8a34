package org.paywatch.dispatch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.paywatch.contract.Alert;
import org.paywatch.domain.Project;
import org.paywatch.io.AvroCodec;
import org.paywatch.io.ContractJson;
import org.paywatch.io.ContractViolation;

/**
 * Alert dispatch, whatever the input: each alert transition is kept in the ledger, its recipients are
 * resolved through the directory and the projects' contacts, and the outbox decides and sends. The
 * callers feed alerts and registry entries and move time on: a file's alerts carry their own time, a
 * live consumer gives the wall clock.
 */
public final class Dispatcher {
    private final DispatchConfig config;
    private final Ledger ledger;
    private final ProjectDirectory projects = new ProjectDirectory();
    private final Recipients recipients;
    private final SmsText sms;
    private final Outbox outbox;
    private final AvroCodec<Alert> codec = AvroCodec.of(Alert.class);
    private final Schema alertSchema = Alert.getClassSchema();

    public Dispatcher(DispatchConfig config, Ledger ledger, Delivery delivery) {
        this.config = config;
        this.ledger = ledger;
        this.recipients = new Recipients(config);
        this.sms = new SmsText(config);
        this.outbox = new Outbox(ledger, new Wording(), delivery, config.timing(), unit -> {
            DispatchConfig.Unit u = config.directory().get(unit);
            return u == null ? config.timing().quietHours() : u.quietHours();
        });
    }

    public Dispatcher listen(Outbox.Listener listener) {
        outbox.listen(listener);
        return this;
    }

    /** A registry entry: the project's name, its enterprises and its contacts. */
    public void register(Project project) {
        projects.register(project);
    }

    public ProjectDirectory projects() {
        return projects;
    }

    /** After a crash: the notice that was being sent goes again, with its key. */
    public void resume() throws InterruptedException {
        outbox.resume();
    }

    /** One alert transition, decided at {@code now}. */
    public void alert(Alert alert, long now) throws InterruptedException {
        ledger.alert(
                alert.getAlertId(),
                alert.getTransition().name(),
                alert.getEventTime().toEpochMilli(),
                ContractJson.write(alert));
        outbox.accept(alert, recipients.resolve(alert, projects.of(alert.getProjectId())), now);
    }

    /** Time moves on: what is due goes out. */
    public void tick(long now) throws InterruptedException {
        outbox.release(now);
    }

    /** The end of a file: everything still held goes out at its time. */
    public void finish() throws InterruptedException {
        outbox.releaseAll();
    }

    public void retryParked(long now) throws InterruptedException {
        outbox.retryParked(now);
    }

    /** What the outbox's notices say: SMS texts with the signature, webhook bodies as JSON. */
    private final class Wording implements Outbox.Wording {
        @Override
        public String transition(Alert alert, Contact contact, String key) {
            String text = sms.of(alert, projects.name(alert.getProjectId()));
            return contact.channel() == Channel.SMS
                    ? text
                    : WebhookBody.of(alert, key, contact.unit(), sms.signature() + text, alert.getEventTime());
        }

        @Override
        public String digest(List<Notice> held, Contact contact, String key) {
            List<Alert> alerts = new ArrayList<>();
            for (Notice n : held) {
                ledger.alertOf(n).map(this::read).ifPresent(alerts::add);
            }
            String text = sms.digest(alerts, projects::name);
            if (contact.channel() == Channel.SMS) {
                return text;
            }
            // A webhook gets each alert as it would alone, in one JSON array, with the digest's text.
            List<String> bodies = new ArrayList<>();
            Instant at = alerts.isEmpty()
                    ? Instant.EPOCH
                    : alerts.get(alerts.size() - 1).getEventTime();
            for (Alert a : alerts) {
                bodies.add(WebhookBody.of(a, key, contact.unit(), sms.signature() + text, at));
            }
            return "[" + String.join(",", bodies) + "]";
        }

        private Alert read(String json) {
            try {
                return codec.decode(codec.encodeGeneric(ContractJson.read(alertSchema, json)));
            } catch (ContractViolation e) {
                throw new IllegalStateException(
                        "the ledger keeps an alert its own contract cannot read: " + e.getMessage(), e);
            }
        }
    }

    public DispatchConfig config() {
        return config;
    }
}
