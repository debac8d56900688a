package app.meet.platform.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Names the settings to set instead of a stack trace. */
class UnsafeSettingsFailureAnalyzer extends AbstractFailureAnalyzer<UnsafeSettingsException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, UnsafeSettingsException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Set each from the environment with a secret of your own (docs/settings.md lists them), or run with "
						+ "the development profile (SPRING_PROFILES_ACTIVE="
						+ PlatformDefaultsEnvironmentPostProcessor.DEVELOPMENT_PROFILE
						+ ") against the embedded stack.",
				cause);
	}

}
