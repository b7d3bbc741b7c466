/**
 * Authentication (OAuth2 resource server with JWTs), the acting user ({@link
 * com.practicescheduler.platform.security.Actor}), rate limits per client address and token, and the development key
 * pair of the embedded default.
 */
package com.practicescheduler.platform.security;
