/** The benchmark: one command that measures the standalone system against its machine's own commit rate. */
package com.practicescheduler.benchmark;
