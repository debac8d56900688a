package app.meet.e2e.bench;

import java.time.Duration;

/**
 * A benchmark's warm-up: its load for {@code bench.warm-up-seconds}, then on in rounds
 * until the stack's JIT compilers are quiet (at most {@code bench.quiet-jit-share} of a
 * core in a round, 5% by default) or {@code bench.max-warm-up-seconds} have passed in
 * all. A JVM whose C2 compiler is still at work (hot methods deoptimized and compiled
 * again, on a saturated machine) is not yet in its steady state: it runs part of its hot
 * code in slower, profiling tiers, and the compiler takes CPU from the path measured.
 */
final class WarmUp {

	private static final Duration MINIMUM = Duration.ofSeconds(Long.getLong("bench.warm-up-seconds", 10));

	private static final Duration MAXIMUM = Duration
		.ofSeconds(Long.getLong("bench.max-warm-up-seconds", MINIMUM.toSeconds()));

	private static final double QUIET_COMPILERS = Double
		.parseDouble(System.getProperty("bench.quiet-jit-share", "0.05"));

	private static final Duration ROUND = Duration.ofSeconds(20);

	private WarmUp() {
	}

	/**
	 * Runs the load until the stack is warm.
	 * @return how long it took and how busy the compilers were in its last round
	 */
	static String run(Load load) throws InterruptedException {
		CpuUse round = CpuUse.start();
		load.run(MINIMUM);
		Duration took = MINIMUM;
		Duration lastRound = MINIMUM;
		double compiling = round.stackCompilersShare();
		while (compiling > QUIET_COMPILERS && took.compareTo(MAXIMUM) < 0) {
			round = CpuUse.start();
			load.run(ROUND);
			took = took.plus(ROUND);
			lastRound = ROUND;
			compiling = round.stackCompilersShare();
		}
		return "%d s, the stack's JIT compilers at %.0f%% of a core in its last %d s (quiet at %.0f%% or less, at most %d s)"
			.formatted(took.toSeconds(), compiling * 100, lastRound.toSeconds(), QUIET_COMPILERS * 100,
					MAXIMUM.toSeconds());
	}

	/** The benchmark's load, applied for the given time. */
	@FunctionalInterface
	interface Load {

		void run(Duration duration) throws InterruptedException;

	}

}
