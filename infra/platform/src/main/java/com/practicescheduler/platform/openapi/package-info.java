/** The published OpenAPI document: bearer tokens, real status codes, problem responses, nullable fields. */
package com.practicescheduler.platform.openapi;
