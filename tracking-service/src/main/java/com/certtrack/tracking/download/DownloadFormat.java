package com.certtrack.tracking.download;

import java.util.Arrays;
import java.util.Optional;

/** The download formats of {@code GET /api/tracking/certificate?format=}, with their media type and file suffix. */
public enum DownloadFormat {
    PEM("pem", "application/x-pem-file", ".crt"),
    CHAIN("chain", "application/pem-certificate-chain", "-fullchain.pem"),
    DER("der", "application/pkix-cert", ".cer"),
    P7B("p7b", "application/x-pkcs7-certificates", ".p7b"),
    BUNDLE("bundle", "application/zip", "-bundle.zip");

    private final String parameter;
    private final String mediaType;
    private final String suffix;

    DownloadFormat(String parameter, String mediaType, String suffix) {
        this.parameter = parameter;
        this.mediaType = mediaType;
        this.suffix = suffix;
    }

    public String parameter() {
        return parameter;
    }

    public String mediaType() {
        return mediaType;
    }

    public String suffix() {
        return suffix;
    }

    public static Optional<DownloadFormat> of(String parameter) {
        return Arrays.stream(values())
                .filter(f -> f.parameter.equalsIgnoreCase(parameter))
                .findFirst();
    }
}
