package app.meet.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;

import com.sun.net.httpserver.HttpServer;

/**
 * Serves the browser tests' own pages ({@code src/test/resources/pages}) from a port of
 * their own, an origin the stack's gateway is told to allow, as it allows the web
 * frontend's.
 */
final class TestPages {

	private static HttpServer server;

	private TestPages() {
	}

	static synchronized String origin() {
		if (server == null) {
			try {
				server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			server.createContext("/pages/", (exchange) -> {
				String name = exchange.getRequestURI().getPath().substring("/pages/".length());
				try (InputStream page = name.matches("[a-z-]+\\.html")
						? TestPages.class.getResourceAsStream("/pages/" + name) : null) {
					if (page == null) {
						exchange.sendResponseHeaders(404, -1);
						return;
					}
					byte[] body = page.readAllBytes();
					exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
					exchange.sendResponseHeaders(200, body.length);
					try (OutputStream out = exchange.getResponseBody()) {
						out.write(body);
					}
				}
			});
			server.start();
		}
		return "http://127.0.0.1:" + server.getAddress().getPort();
	}

}
