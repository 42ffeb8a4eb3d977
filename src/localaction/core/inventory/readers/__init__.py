"""Readers of inventory files written by others: CDP open data, the CRF table (CDP / GCoM), the GPC reporting
workbook. Each returns plain data and an ``ImportReport``; nothing here touches a database."""
