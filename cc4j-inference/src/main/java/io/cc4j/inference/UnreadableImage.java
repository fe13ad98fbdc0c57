package io.cc4j.inference;

/**
 * An image of a dataset pass that could not be read (damaged, truncated, over the pixel limit, gone) and was left
 * out of the assignments.
 *
 * @param index its dataset index
 * @param id its name in the dataset (the file path for folders)
 * @param reason the reader's message
 */
public record UnreadableImage(int index, String id, String reason) {
}
