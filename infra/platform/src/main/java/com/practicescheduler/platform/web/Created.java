package com.practicescheduler.platform.web;

import java.net.URI;
import org.springframework.http.ResponseEntity;

/** The body of a {@code 201}: the new resource's id (its address is in the {@code Location} header). */
public record Created(String id) {

    public static ResponseEntity<Created> at(String location, String id) {
        return ResponseEntity.created(URI.create(location)).body(new Created(id));
    }
}
