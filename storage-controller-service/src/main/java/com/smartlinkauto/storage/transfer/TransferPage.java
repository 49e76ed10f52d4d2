package com.smartlinkauto.storage.transfer;

import java.util.List;

/** A page of transfers, newest first (without their chunks). */
record TransferPage(List<TransferView> items, int page, int size, long total) {
}
