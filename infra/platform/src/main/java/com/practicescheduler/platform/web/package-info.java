/** HTTP plumbing both sides share: RFC 9457 problem responses (refusals and Spring's own), body-size cap. */
package com.practicescheduler.platform.web;
