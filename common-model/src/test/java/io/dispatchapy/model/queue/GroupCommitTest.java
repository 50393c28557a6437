package io.dispatchapy.model.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class GroupCommitTest {

    @Test
    void callersWaitingTogetherShareABatchAndEachGetsItsOwnResult() throws Exception {
        List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch firstBatchStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        GroupCommit<Integer, String> commits = new GroupCommit<>("test", 1, 100, items -> {
            batchSizes.add(items.size());
            firstBatchStarted.countDown();
            awaitLatch(release);
            return items.stream().map(i -> "r" + i).toList();
        });
        ExecutorService callers = Executors.newFixedThreadPool(11);
        try {
            Future<String> first = callers.submit(() -> commits.submit(0));
            assertThat(firstBatchStarted.await(5, TimeUnit.SECONDS)).isTrue();
            // while the first batch "commits", ten more arrive and must go out together
            List<Future<String>> rest = new ArrayList<>();
            for (int i = 1; i <= 10; i++) {
                int n = i;
                rest.add(callers.submit(() -> commits.submit(n)));
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> commits.waiting() == 10);
            release.countDown();
            assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("r0");
            for (int i = 1; i <= 10; i++) {
                assertThat(rest.get(i - 1).get(5, TimeUnit.SECONDS)).isEqualTo("r" + i);
            }
            assertThat(batchSizes).containsExactly(1, 10);
        } finally {
            callers.shutdownNow();
            commits.close();
        }
    }

    @Test
    void aFailedBatchFailsItsCallersAndTheWriterGoesOn() {
        GroupCommit<Integer, Integer> commits = new GroupCommit<>("test", 2, 10, items -> {
            if (items.contains(13)) {
                throw new QueueException("database said no", null);
            }
            return items;
        });
        try {
            assertThatThrownBy(() -> commits.submit(13)).isInstanceOf(QueueException.class)
                    .hasMessage("database said no");
            assertThat(commits.submit(7)).isEqualTo(7);
        } finally {
            commits.close();
        }
    }

    @Test
    void afterCloseEachCallerWritesAlone() {
        List<String> writers = Collections.synchronizedList(new ArrayList<>());
        GroupCommit<Integer, Integer> commits = new GroupCommit<>("test", 1, 10, items -> {
            writers.add(Thread.currentThread().getName());
            return items;
        });
        commits.close();
        assertThat(commits.submit(5)).isEqualTo(5);
        assertThat(writers).containsExactly(Thread.currentThread().getName());
    }

    @Test
    void anAsyncSubmitCompletesOnTheWriterOnceItsBatchIsWrittenAndFailsWithIt() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        GroupCommit<Integer, Integer> commits = new GroupCommit<>("async", 1, 10, items -> {
            awaitLatch(release);
            if (items.contains(13)) {
                throw new QueueException("database said no", null);
            }
            return items.stream().map(i -> i * 2).toList();
        });
        try {
            CompletableFuture<Integer> first = commits.submitAsync(21);
            List<String> completedOn = Collections.synchronizedList(new ArrayList<>());
            CompletableFuture<Integer> second = commits.submitAsync(4)
                    .whenComplete((r, e) -> completedOn.add(Thread.currentThread().getName()));
            assertThat(first).isNotDone(); // nothing waits for it: the caller's thread went on
            release.countDown();
            assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo(42);
            assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo(8);
            assertThat(completedOn).singleElement().asString().startsWith("async-");
            CompletableFuture<Integer> failed = commits.submitAsync(13);
            assertThatThrownBy(() -> failed.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(QueueException.class);
            commits.close();
            assertThat(commits.submitAsync(5).get(5, TimeUnit.SECONDS)).isEqualTo(10); // written alone after close
        } finally {
            release.countDown();
            commits.close();
        }
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
