package com.servicedesk.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The class-data archive a run recorded is kept only when the run ended well, and never over one kept before. */
class ServiceJarsTest {
    @TempDir
    Path services;

    @Test
    void aRunThatRecordsMapsNothingAndARunAfterAKeptRecordingMapsIt() throws Exception {
        ServiceJars jars = jars();
        Path training = jars.recording();
        assertThat(jars.sharingOptions(training)).first().isEqualTo("-XX:ArchiveClassesAtExit=" + training);

        Files.writeString(training, "archive");
        jars.keep(training, 143); // stopped by SIGTERM: the JVM wrote its archive on the way out
        assertThat(training).doesNotExist();
        assertThat(jars.archive()).hasContent("archive");
        assertThat(jars.recording()).isNull();
        assertThat(jars.sharingOptions(jars.recording())).containsExactly("-XX:SharedArchiveFile=" + jars.archive());
    }

    @Test
    void aRunKilledOutrightLeavesNoArchive() throws Exception {
        ServiceJars jars = jars();
        Path training = jars.trainingFile();
        Files.writeString(training, "half an archive");
        jars.keep(training, 137); // kill -9: the file may be cut short
        assertThat(training).doesNotExist();
        assertThat(jars.archive()).doesNotExist();
    }

    @Test
    void aSecondRecordingNeverReplacesTheKeptArchive() throws Exception {
        ServiceJars jars = jars();
        Path first = jars.trainingFile();
        Path second = jars.trainingFile();
        Files.writeString(first, "first");
        Files.writeString(second, "second");
        jars.keep(first, 0);
        jars.keep(second, 143);
        assertThat(jars.archive()).hasContent("first");
        assertThat(second).doesNotExist();
    }

    private ServiceJars jars() throws Exception {
        Path fat = Files.writeString(services.resolve("intake-service.jar"), "not read here");
        ServiceJars jars = new ServiceJars(fat);
        Files.createDirectories(jars.archive().getParent());
        return jars;
    }
}
