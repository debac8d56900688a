package app.meet.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What each injected fault cost, one row per fault, printed as a Markdown table (the one
 * in docs/reliability.md) and written to {@code target/fault-report.md}.
 */
final class FaultReport {

	private static final List<Row> ROWS = new CopyOnWriteArrayList<>();

	private FaultReport() {
	}

	static void add(Row row) {
		ROWS.add(row);
		System.out.println("fault: " + row.markdown());
	}

	static String markdown() {
		StringBuilder table = new StringBuilder(
				"| fault | requests | failed (503) | events | delayed | lost | duplicates applied | seconds to recover |\n")
			.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
		ROWS.forEach((row) -> table.append(row.markdown()).append('\n'));
		return table.toString();
	}

	static void write() {
		if (ROWS.isEmpty()) {
			return;
		}
		String table = markdown();
		System.out.println(table);
		try {
			Files.writeString(Path.of("target", "fault-report.md"), table);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * @param requests requests sent while the fault lasted and until recovery
	 * @param failed of those, the ones answered 503 (or not at all)
	 * @param events events that should reach their consumers
	 * @param delayed of those, the ones that arrived more than two seconds after the
	 * write that caused them was answered
	 * @param lost events that never arrived
	 * @param duplicates events applied or delivered more than once
	 * @param secondsToRecover from the fault's end until every request succeeds again
	 */
	record Row(String fault, int requests, int failed, int events, int delayed, int lost, int duplicates,
			double secondsToRecover) {

		String markdown() {
			return String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %d | %.1f |", this.fault, this.requests,
					this.failed, this.events, this.delayed, this.lost, this.duplicates, this.secondsToRecover);
		}

	}

}
