package app.meet.gateway.web;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.json.JsonMapper;

import app.meet.platform.problem.Problems;
import app.meet.platform.web.RequestIds;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * Gives every error answer that would leave the gateway without a body a problem+json
 * one. Such answers come from below the gateway's handlers, which turn their own errors
 * into problem+json ({@link ProblemJsonErrorHandler}): Reactor Netty answers a request it
 * cannot decode (a request line over 4 KiB: 414, headers over
 * {@code server.max-http-request-header-size}: 431, anything else unreadable: 400), and
 * Spring answers 400 to a path or query that is no valid URI (an unencoded {@code |} or
 * {@code {}, a broken {@code %} escape), both with a bare status line.
 */
@Component
class BareErrorProblems implements NettyServerCustomizer {

	private static final String HANDLER = "meet.bareErrorProblems";

	private final JsonMapper json;

	BareErrorProblems(JsonMapper json) {
		this.json = json;
	}

	@Override
	public HttpServer apply(HttpServer server) {
		return server.doOnChannelInit((observer, channel, remoteAddress) -> {
			if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
				channel.pipeline().addAfter(NettyPipeline.HttpCodec, HANDLER, new ProblemBodies());
			}
		});
	}

	private byte[] problem(HttpResponseStatus status, DecoderResult decoded, String requestId) {
		ProblemDetail problem = ProblemDetail.forStatus(HttpStatusCode.valueOf(status.code()));
		if (decoded.cause() instanceof TooLongHttpLineException) {
			problem.setDetail("The request line (method, path and query) is too long");
		}
		else if (decoded.cause() instanceof TooLongHttpHeaderException) {
			problem.setDetail("The request's headers are too large");
		}
		else if (decoded.isFailure()) {
			problem.setDetail("The request could not be read as HTTP");
		}
		else if (status.code() == HttpResponseStatus.BAD_REQUEST.code()) {
			problem.setDetail("The request's path or query is not a valid URI: characters such as | { } \" "
					+ "and a % that starts no escape must be percent-encoded");
		}
		return this.json.writeValueAsBytes(Problems.complete(problem, requestId));
	}

	/**
	 * Sits between the HTTP codec and Reactor Netty's traffic handler of one connection,
	 * where it sees each request as decoded and every response. It leaves the pipeline
	 * when the connection becomes a WebSocket.
	 */
	private final class ProblemBodies extends ChannelDuplexHandler {

		private DecoderResult decoded = DecoderResult.SUCCESS;

		private boolean head;

		private String requestId;

		@Override
		public void channelRead(ChannelHandlerContext context, Object message) {
			if (message instanceof HttpRequest request) {
				this.decoded = request.decoderResult();
				this.head = HttpMethod.HEAD.equals(request.method());
				this.requestId = request.headers().get(RequestIds.HEADER);
			}
			else if (message instanceof HttpContent content && content.decoderResult().isFailure()) {
				this.decoded = content.decoderResult();
			}
			context.fireChannelRead(message);
		}

		@Override
		public void write(ChannelHandlerContext context, Object message, ChannelPromise promise) {
			if (message instanceof FullHttpResponse response && response.status().code() >= 400
					&& !response.content().isReadable() && !this.head) {
				context.write(withProblem(response), promise);
				return;
			}
			context.write(message, promise);
			if (message instanceof HttpResponse response
					&& response.status().equals(HttpResponseStatus.SWITCHING_PROTOCOLS)) {
				context.pipeline().remove(this);
			}
		}

		private FullHttpResponse withProblem(FullHttpResponse response) {
			String requestId = RequestIds.acceptOrCreate(response.headers().get(RequestIds.HEADER, this.requestId));
			byte[] body = problem(response.status(), this.decoded, requestId);
			FullHttpResponse withBody = response.replace(Unpooled.wrappedBuffer(body));
			response.release();
			withBody.headers()
				.set(HttpHeaderNames.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE)
				.setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
				.remove(HttpHeaderNames.TRANSFER_ENCODING)
				.set(RequestIds.HEADER, requestId);
			return withBody;
		}

	}

}
