package com.smartlinkauto.storageclient;

import java.util.UUID;

import org.springframework.http.HttpStatus;

import com.smartlinkauto.servicedefaults.problem.ApiException;
import com.smartlinkauto.servicedefaults.problem.ProblemTypes;

/** 404: the storage network has no file with this id. */
public class StoredFileNotFoundException extends ApiException {

    private final UUID fileId;

    public StoredFileNotFoundException(UUID fileId) {
        super(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "The stored file was not found.");
        this.fileId = fileId;
    }

    public UUID fileId() {
        return fileId;
    }
}
