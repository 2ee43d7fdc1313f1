import { Box, SkeletonBodyText } from "@shopify/polaris";

/** Holds a chart's exact height while its code loads, so nothing below it moves when it draws. */
export function ChartSkeleton({ height }: { height: number }) {
  return (
    <Box minHeight={`${height}px`}>
      <SkeletonBodyText lines={Math.max(2, Math.floor(height / 48))} />
    </Box>
  );
}
