package io.cc4j.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Client threads that post an image to /v1/assign without pause, each on a kept-alive connection (a new one when
 * the server closes it), a quarter of the requests with a pause in the middle of the body so that they are under
 * way on the server for a while. They go on after a signal until the server refuses connections, and record how
 * every request ended.
 */
final class LoadClients {
    /** How one request ended. */
    record Request(String id, long startNanos, long endNanos, boolean slow, RawHttp.Answer answer) {
        boolean answered(int status) {
            return answer.outcome() == RawHttp.Outcome.ANSWERED && answer.status() == status;
        }
    }

    private final Collection<Request> requests = new ConcurrentLinkedQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stop;

    LoadClients(int port, int count, SplittableRandom random) {
        for (int t = 0; t < count; t++) {
            SplittableRandom own = random.split();
            int client = t;
            Thread thread = new Thread(() -> loop(port, client, own), "load-client-" + t);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    private void loop(int port, int client, SplittableRandom random) {
        RawHttp.Connection connection = null;
        int n = 0;
        while (!stop) {
            if (connection == null) {
                try {
                    connection = RawHttp.Connection.open(port, (int) SignalSuiteTest.BOUND.toMillis());
                } catch (ConnectException e) {
                    long now = System.nanoTime();
                    requests.add(new Request("c" + client + "-" + n++ + "-connect", now, now, false,
                            RawHttp.Answer.of(RawHttp.Outcome.REFUSED, e.getMessage())));
                    return; // the server has stopped listening
                } catch (IOException e) {
                    long now = System.nanoTime();
                    requests.add(new Request("c" + client + "-" + n++ + "-connect", now, now, false,
                            RawHttp.Answer.of(RawHttp.Outcome.CLOSED, e.toString())));
                    continue;
                }
            }
            String id = "c" + client + "-" + n++;
            boolean slow = random.nextInt(4) == 0;
            long t0 = System.nanoTime();
            RawHttp.Answer a = connection.post("/v1/assign", id, "image/png", SignalSuiteTest.png,
                    slow ? random.nextInt(20, 200) : 0);
            requests.add(new Request(id, t0, System.nanoTime(), slow, a));
            if (a.outcome() != RawHttp.Outcome.ANSWERED || a.close()) {
                connection.close();
                connection = null;
            }
        }
        if (connection != null) {
            connection.close();
        }
    }

    /** Stops the clients (they stop by themselves once refused) and waits for them. */
    void stopAndJoin(long signalled) throws InterruptedException {
        long deadline = System.nanoTime() + SignalSuiteTest.BOUND.toNanos();
        for (Thread t : threads) {
            t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        }
        stop = true;
        for (Thread t : threads) {
            t.join(SignalSuiteTest.BOUND.toMillis());
        }
    }

    /** Requests answered 200 that ended after the signal: they were in flight or taken on meanwhile. */
    long answeredAfter(long signalled) {
        return requests.stream().filter(r -> r.answered(200) && r.endNanos() > signalled).count();
    }

    /**
     * What no request may get: an answer other than 200 or 503, an answer cut short, no answer in time; and a
     * request the server had taken on ({@code begun}: it says so in its log) must be answered 200, while one it
     * answered 200 must be among those it took on.
     */
    List<String> violations(Set<String> begun) {
        List<String> wrong = new ArrayList<>();
        for (Request r : requests) {
            RawHttp.Answer a = r.answer();
            switch (a.outcome()) {
                case CUT, TIMEOUT -> wrong.add(r.id() + ": " + a.outcome() + " (" + a.detail() + ")");
                case ANSWERED -> {
                    if (a.status() != 200 && a.status() != 503) {
                        wrong.add(r.id() + ": answered " + a.status());
                    } else if (begun.contains(r.id()) && a.status() != 200) {
                        wrong.add(r.id() + ": taken on by the server, answered " + a.status());
                    } else if (!begun.contains(r.id()) && a.status() == 200) {
                        wrong.add(r.id() + ": answered 200 but the server's log does not name it");
                    }
                }
                case CLOSED, REFUSED -> {
                    if (begun.contains(r.id())) {
                        wrong.add(r.id() + ": taken on by the server, then " + a.outcome() + " (" + a.detail() + ")");
                    }
                }
                default -> throw new IllegalStateException();
            }
        }
        return wrong;
    }

    String summary() {
        long ok = requests.stream().filter(r -> r.answered(200)).count();
        long busy = requests.stream().filter(r -> r.answered(503)).count();
        long refused = requests.stream().filter(r -> r.answer().outcome() == RawHttp.Outcome.REFUSED).count();
        long closed = requests.stream().filter(r -> r.answer().outcome() == RawHttp.Outcome.CLOSED).count();
        long slow = requests.stream().filter(Request::slow).count();
        return String.format(Locale.ROOT, "%d requests (%d slow): %d x 200, %d x 503, %d refused, %d closed before an"
                + " answer", requests.size(), slow, ok, busy, refused, closed);
    }
}
