package app.meet.platform.events;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The outbox's one thread and what waits for it. While anything waits or is being sent,
 * incomplete publications are in flight here (or held up by the same outage), so
 * resubmitting them would only queue copies behind them.
 */
final class ExternalizationQueue implements Executor {

	private final ExecutorService thread = Executors
		.newSingleThreadExecutor(Thread.ofPlatform().name("outbox-externalizer").daemon().factory());

	private final AtomicInteger pending = new AtomicInteger();

	@Override
	public void execute(Runnable task) {
		this.pending.incrementAndGet();
		try {
			this.thread.execute(() -> {
				try {
					task.run();
				}
				finally {
					this.pending.decrementAndGet();
				}
			});
		}
		catch (RuntimeException ex) {
			this.pending.decrementAndGet();
			throw ex;
		}
	}

	boolean idle() {
		return this.pending.get() == 0;
	}

}
