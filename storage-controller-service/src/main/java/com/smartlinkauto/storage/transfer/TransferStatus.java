package com.smartlinkauto.storage.transfer;

/** Of a transfer and of each of its chunks: PENDING → IN_PROGRESS → COMPLETED | FAILED. */
public enum TransferStatus {
    PENDING, IN_PROGRESS, COMPLETED, FAILED;

    boolean open() {
        return this == PENDING || this == IN_PROGRESS;
    }
}
