package app.meet.recording.recordings;

import java.io.IOException;

import io.minio.errors.MinioException;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Object store calls inside a recording's transaction: a failed call rolls it back, and
 * clean-ups wait for the commit.
 */
final class StorageCalls {

	private StorageCalls() {
	}

	/** Runs an object store call; its failure rolls the transaction back. */
	static <T> T storage(StorageCall<T> call) {
		try {
			return call.run();
		}
		catch (MinioException | IOException ex) {
			throw new StorageException(ex);
		}
	}

	static void storage(StorageAction action) {
		storage(() -> {
			action.run();
			return null;
		});
	}

	/** Runs the action once the transaction has committed (never after a rollback). */
	static void afterCommit(Runnable action) {
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCommit() {
				action.run();
			}

		});
	}

	@FunctionalInterface
	interface StorageCall<T> {

		T run() throws MinioException, IOException;

	}

	@FunctionalInterface
	interface StorageAction {

		void run() throws MinioException, IOException;

	}

}
