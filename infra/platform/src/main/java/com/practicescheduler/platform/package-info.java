/** Run-time code both sides share: Axon wiring, security, tenancy, problem mapping, the embedded PostgreSQL. */
package com.practicescheduler.platform;
