/** HTTP plumbing both sides share: RFC 9457 problem responses, body-size cap, the acting user. */
package com.practicescheduler.platform.web;
