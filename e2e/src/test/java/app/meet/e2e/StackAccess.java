package app.meet.e2e;

/** The running stack, for test code outside this package (the benchmarks). */
public final class StackAccess {

	private StackAccess() {
	}

	public static String gatewayUrl() {
		return RunningStack.get().gatewayUrl();
	}

}
