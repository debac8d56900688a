package app.meet.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * Just enough of a tar reader for the PostgreSQL binaries archive: files, directories,
 * symbolic links, GNU long names and PAX paths, with their permission bits.
 */
final class Tar {

	private static final int BLOCK = 512;

	private Tar() {
	}

	static void extract(InputStream in, Path destination) throws IOException {
		byte[] header = new byte[BLOCK];
		String longName = null;
		while (readFully(in, header)) {
			if (isZeroBlock(header)) {
				return;
			}
			String name = (longName != null) ? longName : entryName(header);
			longName = null;
			char type = (char) header[156];
			long size = octal(header, 124, 12);
			int mode = (int) octal(header, 100, 8);
			switch (type) {
				case 'L' -> longName = trimNul(new String(readContent(in, size), StandardCharsets.UTF_8));
				case 'x' -> longName = paxPath(new String(readContent(in, size), StandardCharsets.UTF_8));
				case 'g' -> readContent(in, size);
				case '5' -> Files.createDirectories(resolve(destination, name));
				case '2' -> {
					Path link = resolve(destination, name);
					Files.createDirectories(link.getParent());
					Files.deleteIfExists(link);
					Files.createSymbolicLink(link, Path.of(trimNul(field(header, 157, 100))));
				}
				case '0', '\0' -> {
					Path file = resolve(destination, name);
					Files.createDirectories(file.getParent());
					Files.write(file, readContent(in, size));
					Files.setPosixFilePermissions(file, permissions(mode));
				}
				default -> readContent(in, size);
			}
		}
	}

	private static String paxPath(String records) {
		for (String record : records.split("\n")) {
			int space = record.indexOf(' ');
			if (space > 0 && record.startsWith("path=", space + 1)) {
				return record.substring(space + 1 + "path=".length());
			}
		}
		return null;
	}

	private static Path resolve(Path destination, String name) {
		Path resolved = destination.resolve(name).normalize();
		if (!resolved.startsWith(destination)) {
			throw new DevStackException("Archive entry outside the destination: " + name);
		}
		return resolved;
	}

	private static String entryName(byte[] header) {
		String name = trimNul(field(header, 0, 100));
		String prefix = trimNul(field(header, 345, 155));
		return prefix.isEmpty() ? name : prefix + "/" + name;
	}

	private static byte[] readContent(InputStream in, long size) throws IOException {
		byte[] content = in.readNBytes((int) size);
		long padding = (BLOCK - (size % BLOCK)) % BLOCK;
		in.skipNBytes(padding);
		return content;
	}

	private static Set<PosixFilePermission> permissions(int mode) {
		Set<PosixFilePermission> permissions = EnumSet.of(PosixFilePermission.OWNER_READ,
				PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
		if ((mode & 0100) != 0) {
			permissions.addAll(Set.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
					PosixFilePermission.OTHERS_EXECUTE));
		}
		return permissions;
	}

	private static boolean readFully(InputStream in, byte[] block) throws IOException {
		return in.readNBytes(block, 0, block.length) == block.length;
	}

	private static boolean isZeroBlock(byte[] block) {
		for (byte b : block) {
			if (b != 0) {
				return false;
			}
		}
		return true;
	}

	private static String field(byte[] header, int offset, int length) {
		return new String(header, offset, length, StandardCharsets.UTF_8);
	}

	private static String trimNul(String value) {
		int nul = value.indexOf('\0');
		return ((nul >= 0) ? value.substring(0, nul) : value).strip();
	}

	private static long octal(byte[] header, int offset, int length) {
		String digits = trimNul(field(header, offset, length));
		return digits.isEmpty() ? 0 : Long.parseLong(digits, 8);
	}

}
