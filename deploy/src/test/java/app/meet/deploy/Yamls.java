package app.meet.deploy;

import java.util.List;
import java.util.Map;

/** Typed views of what SnakeYAML reads: a mapping or a sequence, empty when absent. */
final class Yamls {

	private Yamls() {
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> map(Object yaml) {
		return (yaml != null) ? (Map<String, Object>) yaml : Map.of();
	}

	@SuppressWarnings("unchecked")
	static List<Object> list(Object yaml) {
		return (yaml != null) ? (List<Object>) yaml : List.of();
	}

}
