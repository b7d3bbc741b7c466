/**
 * Why a command or request is refused: {@link com.practicescheduler.api.error.ErrorCode} (status and problem slug of
 * the REST contract), the one exception that says so ({@link com.practicescheduler.api.error.Refusal}) and what of
 * it travels between processes ({@link com.practicescheduler.api.error.Rejection}).
 */
package com.practicescheduler.api.error;
