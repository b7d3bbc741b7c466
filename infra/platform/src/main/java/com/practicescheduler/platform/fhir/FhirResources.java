package com.practicescheduler.platform.fhir;

/**
 * A bean whose HAPI-annotated methods ({@code @Read}, {@code @Search}, {@code @Create}, each naming its resource
 * {@code type}) serve FHIR R4 at {@code /fhir/r4}: a HAPI "plain provider". Each feature of each side brings its own;
 * the process's one FHIR servlet serves all it finds ({@link FhirConfiguration}), so the query side serves the reads,
 * the command side the create, and the standalone launcher both.
 */
public interface FhirResources {
}
