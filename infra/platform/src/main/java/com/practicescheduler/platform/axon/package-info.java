/** Axon wiring: Jackson serializers, the JDBC event store on PostgreSQL, Hibernate's LOB mapping. */
package com.practicescheduler.platform.axon;
