/**
 * A real PostgreSQL for the standalone launcher, the benchmark and the tests, never the production jars: the zonky
 * binaries, unpacked ({@link com.practicescheduler.embeddedpostgres.Binaries}) and run by initdb/pg_ctl
 * ({@link com.practicescheduler.embeddedpostgres.Cluster}), as an unprivileged account when the JVM is root
 * ({@link com.practicescheduler.embeddedpostgres.ServerAccount}, ADR 9 and 10). Start reading at
 * {@link com.practicescheduler.embeddedpostgres.EmbeddedPostgres}.
 */
package com.practicescheduler.embeddedpostgres;
