package app.meet.e2e;

/** The running stack, for test code outside this package (the benchmarks). */
public final class StackAccess {

	private StackAccess() {
	}

	public static String gatewayUrl() {
		return RunningStack.get().gatewayUrl();
	}

	/** An instance's own URL, bypassing the gateway. */
	public static String instanceUrl(String service, int instance) {
		return RunningStack.get().instanceUrl(service, instance);
	}

}
