package org.auprules.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The progress line's words, when it draws, and that it counts right from several threads. */
class ProgressTest {

    @Test
    void theLine_saysDoneOfTotal_theRate_andTheTimeLeft() {
        assertThat(Progress.line(200, 1000, "accounts", 100.0)).isEqualTo("  200/1000 accounts  100/s  8 s left");
        assertThat(Progress.line(3, 10, "scenarios", 1.5)).isEqualTo("  3/10 scenarios  1.5/s  5 s left");
        assertThat(Progress.line(10, 7210, "", 10.0)).isEqualTo("  10/7210  10/s  12 min 0 s left");
        assertThat(Progress.line(5, 5, "report files", 10.0)).isEqualTo("  5/5 report files  10/s  0 s left");
    }

    @Test
    void withoutATotal_theLineSaysDoneAndTheRate_andNoTimeLeft() {
        assertThat(Progress.line(1200, -1, "accounts", 800.0)).isEqualTo("  1200 accounts  800/s");
        assertThat(Progress.line(0, -1, "accounts", -1)).isEqualTo("  0 accounts");
    }

    @Test
    void beforeAnythingIsDone_thereIsNoRate() {
        assertThat(Progress.line(0, 40, "scenarios", -1)).isEqualTo("  0/40 scenarios");
        assertThat(Progress.line(4, 40, "scenarios", -1)).isEqualTo("  4/40 scenarios");
    }

    @Test
    void whenAsked_itDrawsAtOnce_onOneLine_atMostTenTimesASecond_andErasesItself() {
        StringWriter err = new StringWriter();
        Progress progress = new Progress(new PrintWriter(err), true, 0);
        Progress.Counter c = progress.counter(3, "scenarios");
        c.add("first");
        c.add("second"); // within a tenth of a second of the first: not drawn
        String drawn = err.toString();
        assertThat(drawn).startsWith("\r  1/3 scenarios").endsWith("  first\r").doesNotContain("\n", "second");
        progress.done();
        String erased = err.toString().substring(drawn.length());
        assertThat(erased).isEqualTo("\r" + " ".repeat(drawn.length() - 2) + "\r");
        progress.done(); // nothing left to erase
        assertThat(err.toString()).hasSize(drawn.length() + erased.length());
    }

    @Test
    void aLongLine_isCutToFitEightyColumns() {
        StringWriter err = new StringWriter();
        Progress.Counter c = new Progress(new PrintWriter(err), true, 0).counter(9, "scenarios");
        c.add("x".repeat(200));
        String line = err.toString();
        assertThat(line.substring(1, line.length() - 1)).hasSize(78).endsWith("…");
    }

    @Test
    void onATerminal_itStaysSilentForTheFirstSecond() {
        StringWriter err = new StringWriter();
        Progress progress = new Progress(new PrintWriter(err), true, 1_000_000_000L);
        Progress.Counter c = progress.counter(100, "accounts");
        for (int i = 0; i < 100; i++) {
            c.add("");
        }
        progress.done();
        assertThat(err.toString()).isEmpty();
        assertThat(c.done()).isEqualTo(100);
    }

    @Test
    void disabled_itWritesNothing_butStillCounts() {
        StringWriter err = new StringWriter();
        Progress progress = new Progress(new PrintWriter(err), false, 0);
        Progress.Counter c = progress.counter(2, "accounts");
        c.add("a");
        c.add("b");
        progress.done();
        assertThat(err.toString()).isEmpty();
        assertThat(c.done()).isEqualTo(2);
        assertThat(c.enabled()).isFalse();
    }

    @Test
    void stepsMakeOneItem_asDiffJudgesEachAccountTwice() {
        StringWriter err = new StringWriter();
        Progress.Counter c = new Progress(new PrintWriter(err), true, 0).counter(4, "accounts", 2);
        c.add("");
        assertThat(err.toString()).startsWith("\r  0/4 accounts");
        c.add("");
        c.add("");
        assertThat(c.done()).isEqualTo(1);
    }

    @Test
    void threadsCountingAtOnce_loseNoItem_andNeverInterleaveALine() throws InterruptedException {
        StringWriter err = new StringWriter();
        Progress progress = new Progress(new PrintWriter(err), true, 0);
        Progress.Counter c = progress.counter(40_000, "accounts");
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            threads.add(new Thread(() -> {
                for (int i = 0; i < 10_000; i++) {
                    c.add("");
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        progress.done();
        assertThat(c.done()).isEqualTo(40_000);
        // every draw is one whole "\r…\r" frame
        String frames = err.toString();
        assertThat(frames).startsWith("\r").endsWith("\r").matches("(\r[^\r]*\r)+");
    }
}
