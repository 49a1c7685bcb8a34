package org.paywatch.cli;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.paywatch.board.BoardInflux;
import org.paywatch.board.BoardServer;
import org.paywatch.board.BoardToken;
import org.paywatch.board.CountyViews;
import org.paywatch.config.JobConfig;
import org.paywatch.config.JobConfigFile;
import org.paywatch.domain.ConfigurationProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `paywatch board`: the county board (县级驾驶舱), a Chinese web page over the InfluxDB the risk monitor writes. */
@Command(
        name = "board",
        mixinStandardHelpOptions = true,
        description = "Serve the county board (县级驾驶舱): a Chinese web page of the projects' risk, alerts and "
                + "notifications, read from InfluxDB, refreshed every 5 s. Binds 127.0.0.1 unless --bind "
                + "and --token-file are given.")
public final class BoardCommand implements Callable<Integer> {
    @Option(
            names = "--influx",
            required = true,
            paramLabel = "URL",
            description = "the InfluxDB 1.x the monitor writes, e.g. http://127.0.0.1:8086")
    String influx;

    @Option(
            names = "--database",
            paramLabel = "NAME",
            description = "its database (default: influx.database of the job file)")
    String database;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            defaultValue = "jobs/risk-monitor.yaml",
            description = "the job file: rule names and bases, industry departments (default: ${DEFAULT-VALUE})")
    Path config;

    @Option(
            names = "--port",
            paramLabel = "N",
            defaultValue = "8090",
            description = "the board's port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(
            names = "--bind",
            paramLabel = "ADDR",
            defaultValue = "127.0.0.1",
            description =
                    "the address to listen on (default: ${DEFAULT-VALUE}); any other than loopback needs --token-file")
    String bind;

    @Option(
            names = "--token-file",
            paramLabel = "FILE",
            description =
                    "a file whose first line is a secret token that every request must carry (?token= on the page URL, "
                            + "or Authorization: Bearer)")
    Path tokenFile;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        InetAddress address = address(bind);
        if (!address.isLoopbackAddress() && tokenFile == null) {
            throw new ConfigurationProblem("--bind " + bind
                    + " exposes the board beyond this machine: give --token-file FILE with a secret token too");
        }
        BoardToken token = tokenFile == null ? null : BoardToken.fromFile(tokenFile);
        if (port < 0 || port > 65535) {
            throw new ConfigurationProblem(
                    "--port " + port + " is not a port: give one from 1 to 65535, e.g. --port 8090");
        }
        JobConfig job = JobConfigFile.load(config);
        CountyViews views =
                new CountyViews(influxAnswering(influx, database == null ? job.influx.database : database), job);
        BoardServer board = BoardServer.start(views, address, port, token);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            board.close();
                            stopped.countDown();
                        },
                        "paywatch-board-stop"));
        PrintWriter out = spec.commandLine().getOut();
        out.println("县级驾驶舱: " + board.url() + (token == null ? "" : "?token=… (the token of " + tokenFile + ")"));
        out.println("board: reading " + views.influx().url() + " database "
                + views.influx().database() + "; Ctrl-C stops it");
        out.flush();
        stopped.await();
        return 0;
    }

    /** The board's InfluxDB, once it has answered: one sentence now rather than a page of errors later. */
    static BoardInflux influxAnswering(String url, String database) {
        BoardInflux influx;
        try {
            influx = new BoardInflux(url, database);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationProblem("--influx " + url + " is not a URL: write it like http://127.0.0.1:8086");
        }
        try {
            influx.checkAnswers();
        } catch (RuntimeException e) {
            throw new ConfigurationProblem("InfluxDB at " + url + " does not answer (" + rootCause(e)
                    + "): start influxd or correct --influx");
        }
        return influx;
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null
                ? t.getClass().getSimpleName()
                : t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    private static InetAddress address(String bind) {
        try {
            return InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new ConfigurationProblem(
                    "--bind " + bind + " is not an address of this machine: give one like 127.0.0.1 or 0.0.0.0");
        }
    }
}
