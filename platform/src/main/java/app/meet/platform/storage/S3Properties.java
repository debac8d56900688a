package app.meet.platform.storage;

import java.net.URI;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where the S3-compatible object store is (MinIO in production).
 *
 * @param endpoint the server's base URL ({@code MINIO_ENDPOINT})
 * @param accessKey the access key ({@code MINIO_ACCESS_KEY})
 * @param secretKey the secret key ({@code MINIO_SECRET_KEY})
 */
@ConfigurationProperties("meet.s3")
@Validated
public record S3Properties(@NotNull URI endpoint, @NotBlank String accessKey, @NotBlank String secretKey) {

}
