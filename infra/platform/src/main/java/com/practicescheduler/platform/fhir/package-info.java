/**
 * FHIR R4 at {@code /fhir/r4} (docs/adr/0018-fhir-mapping.md): one HAPI plain RESTful server per process, serving
 * every {@link com.practicescheduler.platform.fhir.FhirResources} bean of that process, behind the same Spring
 * Security chain as the REST API; the mapping both sides share (statuses, ids, codes, outcomes).
 */
package com.practicescheduler.platform.fhir;
