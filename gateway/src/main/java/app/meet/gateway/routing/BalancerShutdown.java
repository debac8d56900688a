package app.meet.gateway.routing;

import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Closes the balancers, and with them their readiness probes, before the shared Netty
 * event loops stop (phase 0). A probe every two seconds keeps the loops from ever going
 * quiet for the two seconds their shutdown waits for, so stopping would otherwise wait
 * out its 15 s timeout, and the probes due after it would fail on the stopped loops.
 */
@Component
class BalancerShutdown implements SmartLifecycle {

	private static final int BEFORE_EVENT_LOOPS = 1;

	private final LoadBalancerClientFactory balancers;

	private volatile boolean running;

	BalancerShutdown(LoadBalancerClientFactory balancers) {
		this.balancers = balancers;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.balancers.destroy();
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return BEFORE_EVENT_LOOPS;
	}

}
