# syntax=docker/dockerfile:1.7
# One image per service, from the repository root:
#   docker build --build-arg SERVICE=chat-service -t meet/chat-service .
# SERVICE is one of gateway, auth-service, meeting-service, chat-service, signaling-service,
# recording-service.

# Temurin 25, pinned; the same release builds, trains the AOT cache and runs it, as the cache
# is only used by the JVM that wrote it
ARG TEMURIN=25.0.3_9

FROM eclipse-temurin:${TEMURIN}-jdk-noble AS build
ARG SERVICE
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
	./mvnw -B -ntp -q -pl "${SERVICE}" -am package -DskipTests \
	&& java -Djarmode=tools -jar "${SERVICE}/target/${SERVICE}.jar" extract --layers --application-filename application.jar --destination /layers

FROM eclipse-temurin:${TEMURIN}-jre-noble
WORKDIR /app
# the layers change from the least often (dependencies) to the most (the application)
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
# AOT cache: a training run that starts the context without any server and stops once it is
# refreshed (JDK 25: one step); with it, auth-service's context refreshed in 6.5 s instead of
# 11.5 s on a two-core machine.
RUN java -XX:AOTCacheOutput=application.aot -Dspring.context.exit=onRefresh \
	-Dspring.profiles.active=dev,aot-training -jar application.jar \
	&& groupadd --system --gid 10001 meet \
	&& useradd --system --uid 10001 --gid meet --no-create-home --shell /usr/sbin/nologin meet
USER 10001:10001
# The application on 8080; health and metrics on the management port 8081, which probes and
# Prometheus reach and the gateway never routes to. The heap takes 60% of the container's memory:
# the JVM needs about 230 MiB besides (measured), more than 25% of a 768 MiB limit.
ENV SERVER_PORT=8080 \
	MANAGEMENT_SERVER_PORT=8081 \
	MANAGEMENT_SERVER_ADDRESS=0.0.0.0 \
	JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=60 -XX:+ExitOnOutOfMemoryError"
EXPOSE 8080 8081
# with bash's /dev/tcp, so that the image needs no HTTP client
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
	CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${MANAGEMENT_SERVER_PORT} && printf 'GET /actuator/health/liveness HTTP/1.0\\r\\n\\r\\n' >&3 && grep -q '\"status\":\"UP\"' <&3"]
ENTRYPOINT ["java", "-XX:AOTCache=application.aot", "-jar", "application.jar"]
